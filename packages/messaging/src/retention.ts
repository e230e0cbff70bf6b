import { pruneOutbox, pruneProcessedEvents, type Database } from '@prequal/db';
import { Counter, type Registry } from 'prom-client';
import type { Logger, Part } from '@prequal/service-kit';
import type { OutboxRelay } from './outbox-relay.ts';
import type { OutboxSettings } from './settings.ts';

export interface RetentionTask {
  /** The table it cleans, for the metrics and logs. */
  readonly table: string;
  /** Its own retention, when it is not the job's (personal data is kept for less than a week, say). */
  readonly retentionHours?: number;
  /** Deletes what is older than `before`, stopping early once `signal` aborts; returns how many rows went. */
  prune(before: Date, signal: AbortSignal): Promise<number>;
}

/**
 * The retention job of a service with a database: the published rows of its relay's topics and,
 * for a consumer that records processed events, its group's records. Old rows go hourly.
 */
export function retentionPart(
  settings: Pick<OutboxSettings, 'RETENTION_HOURS'>,
  {
    database,
    relay,
    processedEventsGroup,
    tasks: ownTasks = [],
  }: {
    database: Database;
    relay: OutboxRelay;
    processedEventsGroup?: string;
    /** The service's own clean-ups (prequal-api erases old personal data). */
    tasks?: readonly RetentionTask[];
  },
): Part<RetentionJob> {
  return {
    name: 'retention',
    start: ({ logger, metrics }) => {
      const tasks: RetentionTask[] = [
        {
          table: 'outbox',
          prune: (before, signal) => pruneOutbox(database.em(), relay.topics, before, { signal }),
        },
      ];
      if (processedEventsGroup !== undefined) {
        tasks.push({
          table: 'processed_events',
          prune: (before, signal) =>
            pruneProcessedEvents(database.em(), processedEventsGroup, before, { signal }),
        });
      }
      tasks.push(...ownTasks);
      const job = new RetentionJob({
        tasks,
        retentionHours: settings.RETENTION_HOURS,
        logger: logger.child({ component: 'retention' }),
        metrics,
      });
      job.start();
      return Promise.resolve(job);
    },
    stop: (job) => job.stop(),
  };
}

export interface RetentionJobOptions {
  readonly tasks: readonly RetentionTask[];
  /** Rows older than this many hours are deleted (RETENTION_HOURS). */
  readonly retentionHours: number;
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
  /** Aborted by stop(); a new one per start(), so a late round of an old start schedules nothing. */
  #stop: AbortController | undefined;

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
    if (this.#stop && !this.#stop.signal.aborted) return;
    this.#stop = new AbortController();
    this.#schedule(this.#options.firstRunDelayMs ?? 60_000, this.#stop.signal);
  }

  /** Stops: a clean-up in progress ends after its current statement. */
  async stop(): Promise<void> {
    this.#stop?.abort();
    clearTimeout(this.#timer);
    await this.#running;
  }

  /**
   * One clean-up of every table; returns the rows deleted by table. A table whose clean-up fails
   * does not keep the others from theirs; the first error is thrown after all were tried.
   */
  async runOnce(signal: AbortSignal = new AbortController().signal): Promise<Record<string, number>> {
    const { tasks, retentionHours, clock = () => new Date() } = this.#options;
    const now = clock().getTime();
    const deleted: Record<string, number> = {};
    const errors: unknown[] = [];
    for (const task of tasks) {
      if (signal.aborted) break;
      try {
        const before = new Date(now - (task.retentionHours ?? retentionHours) * 3_600_000);
        const count = await task.prune(before, signal);
        deleted[task.table] = count;
        this.#deleted.inc({ table: task.table }, count);
      } catch (error) {
        errors.push(error);
      }
    }
    if (errors.length > 0) throw errors[0];
    return deleted;
  }

  #schedule(delayMs: number, signal: AbortSignal): void {
    this.#timer = setTimeout(() => {
      this.#running = this.runOnce(signal)
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
          if (!signal.aborted) this.#schedule(this.#options.intervalMs ?? 3_600_000, signal);
        });
    }, delayMs);
    this.#timer.unref();
  }
}
