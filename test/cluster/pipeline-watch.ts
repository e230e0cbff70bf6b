import { setTimeout as sleep } from 'node:timers/promises';
import type { Database } from '@prequal/db';
import { readOutboxBacklog } from '@prequal/db';
import { topicNames } from '@prequal/events';

/** How long an application may wait for its decision before it counts as late (delayed by a fault). */
const LATE_AFTER_SECONDS = 3;

export interface PipelineSample {
  readonly at: number;
  /** Outbox rows not published yet. */
  readonly backlog: number;
  /** How long the oldest of them has waited, in seconds (0 when none). */
  readonly oldestSeconds: number;
  /** Applications still PENDING more than LATE_AFTER_SECONDS after they were accepted. */
  readonly late: number;
}

export interface PipelineWatch {
  /** The latest sample. */
  latest(): PipelineSample | undefined;
  /** The largest outbox backlog seen since `from` (epoch ms). */
  maxBacklogSince(from: number): number;
  /**
   * How long after `from` applications kept being late: until the last sample before `to` that
   * saw one (0 when none was).
   */
  disturbedFor(from: number, to: number): number;
  stop(): Promise<void>;
}

async function sample(database: Database): Promise<PipelineSample> {
  const [{ count: backlog, oldestAgeSeconds }, rows] = await Promise.all([
    readOutboxBacklog(database.em(), topicNames),
    database
      .em()
      .execute<{ late: string }[]>(
        `select count(*) as late from applications where status = 'PENDING' and created_at < now() - interval '${LATE_AFTER_SECONDS} seconds'`,
      ),
  ]);
  return { at: Date.now(), backlog, oldestSeconds: oldestAgeSeconds, late: Number(rows[0]?.late ?? 0) };
}

/** Samples the pipeline's state from its database every `intervalMs` while a test runs. */
export function watchPipeline(database: Database, intervalMs = 500): PipelineWatch {
  const samples: PipelineSample[] = [];
  const state = { running: true };
  const loop = (async () => {
    while (state.running) {
      samples.push(await sample(database));
      await sleep(intervalMs);
    }
  })();
  const between = (from: number, to = Infinity) => samples.filter(({ at }) => at >= from && at < to);
  return {
    latest: () => samples.at(-1),
    maxBacklogSince: (from) => Math.max(0, ...between(from).map(({ backlog }) => backlog)),
    disturbedFor: (from, to) => {
      const lastLate = between(from, to).findLast(({ late }) => late > 0);
      return lastLate ? lastLate.at - from : 0;
    },
    stop: async () => {
      state.running = false;
      await loop;
    },
  };
}
