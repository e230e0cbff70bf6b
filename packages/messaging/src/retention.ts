import type { EntityManager } from '@mikro-orm/postgresql';
import { Counter, type Registry } from 'prom-client';
import type { TopicName } from '@prequal/events';
import type { Logger } from '@prequal/service-kit';

/** Rows deleted per statement, so that a large first clean-up never holds long locks. */
const DELETE_BATCH = 5_000;

async function deleteInBatches(
  em: EntityManager,
  sql: string,
  params: readonly unknown[],
  batchSize: number,
): Promise<number> {
  let total = 0;
  for (;;) {
    const { affectedRows } = await em.execute<{ affectedRows: number }>(sql, [...params, batchSize], 'run');
    total += affectedRows;
    if (affectedRows < batchSize) return total;
  }
}

/**
 * Deletes outbox rows of `topics` published before `before`. Unpublished rows, parked ones
 * included, are never deleted: they are the backlog. Returns how many rows went.
 */
export function pruneOutbox(
  em: EntityManager,
  topics: readonly TopicName[],
  before: Date,
  batchSize = DELETE_BATCH,
): Promise<number> {
  return deleteInBatches(
    em,
    `delete from outbox where id in (
       select id from outbox
       where published_at < ? and topic in (${topics.map(() => '?').join(', ')})
       order by published_at
       limit ?)`,
    [before, ...topics],
    batchSize,
  );
}

/**
 * Deletes a consumer group's processed-event records older than `before`. Safe once `before` is
 * older than Kafka's retention: no redelivery of such an event can come any more.
 */
export function pruneProcessedEvents(
  em: EntityManager,
  consumerGroup: string,
  before: Date,
  batchSize = DELETE_BATCH,
): Promise<number> {
  return deleteInBatches(
    em,
    `delete from processed_events where (consumer_group, event_id) in (
       select consumer_group, event_id from processed_events
       where consumer_group = ? and processed_at < ?
       limit ?)`,
    [consumerGroup, before],
    batchSize,
  );
}

export interface RetentionTask {
  /** The table it cleans, for the metrics and logs. */
  readonly table: string;
  /** Deletes what is older than `before`; returns how many rows went. */
  prune(before: Date): Promise<number>;
}

export interface RetentionJobOptions {
  readonly tasks: readonly RetentionTask[];
  /** Rows older than this are deleted. */
  readonly retentionMs: number;
  readonly logger: Logger;
  readonly metrics: Registry;
  /** How often to clean up (default: hourly). */
  readonly intervalMs?: number;
  /** The first clean-up comes this long after start (default: a minute), away from start-up work. */
  readonly firstRunDelayMs?: number;
  readonly clock?: () => Date;
}

/**
 * Keeps the outbox and the processed-event records from growing without end: every interval it
 * deletes what is older than the retention. Each instance may run it; the deletes are idempotent.
 * A failed clean-up (the database is down) is logged and tried again at the next interval.
 */
export class RetentionJob {
  readonly #options: RetentionJobOptions;
  readonly #deleted: Counter<'table'>;
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<unknown> | undefined;
  #stopped = true;

  constructor(options: RetentionJobOptions) {
    this.#options = options;
    this.#deleted = new Counter({
      name: 'retention_deleted_rows_total',
      help: 'Rows deleted by the retention job, by table',
      labelNames: ['table'],
      registers: [options.metrics],
    });
  }

  start(): void {
    if (!this.#stopped) return;
    this.#stopped = false;
    this.#schedule(this.#options.firstRunDelayMs ?? 60_000);
  }

  /** Waits for a clean-up in progress, and stops. */
  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#timer);
    await this.#running;
  }

  /** One clean-up of every table; returns the rows deleted by table. Errors propagate. */
  async runOnce(): Promise<Record<string, number>> {
    const { tasks, retentionMs, clock = () => new Date() } = this.#options;
    const before = new Date(clock().getTime() - retentionMs);
    const deleted: Record<string, number> = {};
    for (const task of tasks) {
      const count = await task.prune(before);
      deleted[task.table] = count;
      this.#deleted.inc({ table: task.table }, count);
    }
    return deleted;
  }

  #schedule(delayMs: number): void {
    this.#timer = setTimeout(() => {
      this.#running = this.runOnce()
        .then((deleted) => {
          if (Object.values(deleted).some((count) => count > 0))
            this.#options.logger.info({ deleted }, 'retention: old rows deleted');
        })
        .catch((error: unknown) => {
          this.#options.logger.warn(
            { err: error },
            'retention: clean-up failed, will try at the next interval',
          );
        })
        .finally(() => {
          if (!this.#stopped) this.#schedule(this.#options.intervalMs ?? 3_600_000);
        });
    }, delayMs);
    this.#timer.unref();
  }
}
