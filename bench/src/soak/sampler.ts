import type { IsolatedSystem, ServiceName, ServiceProcess } from '../system/isolated-system.ts';
import { consumerLag } from '../system/kafka-observer.ts';
import { pendingCount, unpublishedCount } from '../system/pipeline-state.ts';
import { heapUsedBytes, residentBytes } from './memory.ts';
import type { MemorySample } from './memory-growth.ts';

/** How far behind the pipeline was at one moment, `atSeconds` from the start of the sampling. */
export interface BacklogReading {
  readonly atSeconds: number;
  readonly undecided: number;
  readonly outbox: number;
  readonly creditLag: number;
  readonly decisionLag: number;
}

/** The most of each backlog over a stretch of the run. */
export interface BacklogPeak {
  readonly maxUndecided: number;
  readonly maxOutbox: number;
  readonly maxCreditLag: number;
  readonly maxDecisionLag: number;
}

export interface SoakSamples {
  readonly memory: Readonly<Partial<Record<ServiceName, MemorySample[]>>>;
  readonly backlog: readonly BacklogReading[];
}

/** Every 10 s: a reading per service is plenty for a trend over 30 min, and costs them nothing. */
const MEMORY_INTERVAL_MS = 10_000;
/** Every second: a backlog that grows shows within a minute. */
const BACKLOG_INTERVAL_MS = 1_000;

/** Runs `read` every `intervalMs` until stopped; a failed reading is skipped, not fatal. */
function every(intervalMs: number, read: () => Promise<void>): () => Promise<void> {
  const state = { running: true };
  let wake: () => void = () => undefined;
  const loop = (async () => {
    while (state.running) {
      const next = Date.now() + intervalMs;
      await read().catch(() => undefined);
      await new Promise<void>((resolve) => {
        wake = resolve;
        setTimeout(resolve, Math.max(0, next - Date.now()));
      });
    }
  })();
  return async () => {
    state.running = false;
    wake();
    await loop;
  };
}

/**
 * Samples every service's RSS (from /proc) and V8 heap (from its /metrics), and the backlog
 * (undecided applications, unpublished outbox rows, both consumer groups' lag), until stopped.
 */
export function sampleSoak(
  system: IsolatedSystem,
  services: Readonly<Record<ServiceName, ServiceProcess>>,
): {
  latest(): Partial<Record<ServiceName, number>>;
  backlogSince(fromMs: number): BacklogPeak;
  stop(): Promise<SoakSamples>;
} {
  const startedAt = Date.now();
  const seconds = () => (Date.now() - startedAt) / 1000;
  const memory: Partial<Record<ServiceName, MemorySample[]>> = {};
  const backlog: BacklogReading[] = [];
  const names = Object.keys(services) as ServiceName[];
  const { database, admin, groups, harness } = system;
  const lag = (group: string, topic: string) => consumerLag(admin, group, topic).catch(() => 0);

  const stopMemory = every(MEMORY_INTERVAL_MS, async () => {
    const atSeconds = seconds();
    await Promise.all(
      names.map(async (name) => {
        const rssBytes = residentBytes(services[name].pid);
        if (rssBytes === undefined) return;
        const heap = await heapUsedBytes(services[name].opsUrl);
        (memory[name] ??= []).push({ atSeconds, rssBytes, heapUsedBytes: heap });
      }),
    );
  });
  const stopBacklog = every(BACKLOG_INTERVAL_MS, async () => {
    const atSeconds = seconds();
    const [undecided, outbox, creditLag, decisionLag] = await Promise.all([
      pendingCount(database),
      unpublishedCount(database),
      lag(groups['credit-service'], harness.topics.loan_applications_submitted),
      lag(groups['decision-service'], harness.topics.credit_reports_generated),
    ]);
    backlog.push({ atSeconds, undecided, outbox, creditLag, decisionLag });
  });

  return {
    latest: () => Object.fromEntries(names.map((name) => [name, memory[name]?.at(-1)?.rssBytes])),
    backlogSince: (fromMs) => {
      const from = (fromMs - startedAt) / 1000;
      const since = backlog.filter((reading) => reading.atSeconds >= from);
      const most = (pick: (reading: BacklogReading) => number) => Math.max(0, ...since.map(pick));
      return {
        maxUndecided: most((r) => r.undecided),
        maxOutbox: most((r) => r.outbox),
        maxCreditLag: most((r) => r.creditLag),
        maxDecisionLag: most((r) => r.decisionLag),
      };
    },
    stop: async () => {
      await Promise.all([stopMemory(), stopBacklog()]);
      return { memory, backlog };
    },
  };
}
