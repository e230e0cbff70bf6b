import type { EntityManager } from '@mikro-orm/postgresql';
import { Counter, type Registry } from 'prom-client';
import type { TopicName } from '@prequal/events';
import type { Logger } from '@prequal/service-kit';

/** Rows deleted per statement, so that a large first clean-up never holds long locks. */
const DELETE_BATCH = 5_000;

export interface PruneOptions {
  /** Rows per delete statement. */
  readonly batchSize?: number;
  /** Stops between batches once aborted (a shutdown does not wait for a long first clean-up). */
  readonly signal?: AbortSignal;
}

async function deleteInBatches(
  em: EntityManager,
  sql: string,
  params: readonly unknown[],
  { batchSize = DELETE_BATCH, signal }: PruneOptions,
): Promise<number> {
  let total = 0;
  while (!signal?.aborted) {
    const { affectedRows } = await em.execute<{ affectedRows: number }>(sql, [...params, batchSize], 'run');
    total += affectedRows;
    if (affectedRows < batchSize) break;
  }
  return total;
}

function inList(topics: readonly TopicName[]): string {
  if (topics.length === 0) throw new Error('no topics given');
  return topics.map(() => '?').join(', ');
}

/**
 * Deletes outbox rows of `topics` published before `before`. Unpublished rows, parked ones
 * included, are never deleted: they are the backlog. Returns how many rows went.
 */
export function pruneOutbox(
  em: EntityManager,
  topics: readonly TopicName[],
  before: Date,
  options: PruneOptions = {},
): Promise<number> {
  return deleteInBatches(
    em,
    `delete from outbox where id in (
       select id from outbox
       where published_at < ? and topic in (${inList(topics)})
       order by published_at
       limit ?)`,
    [before, ...topics],
    options,
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
  options: PruneOptions = {},
): Promise<number> {
  return deleteInBatches(
    em,
    `delete from processed_events where (consumer_group, event_id) in (
       select consumer_group, event_id from processed_events
       where consumer_group = ? and processed_at < ?
       limit ?)`,
    [consumerGroup, before],
    options,
  );
}

export interface RetentionTask {
  /** The table it cleans, for the metrics and logs. */
  readonly table: string;
  /** Deletes what is older than `before`, stopping early once `signal` aborts; returns how many rows went. */
  prune(before: Date, signal: AbortSignal): Promise<number>;
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
    const { tasks, retentionMs, clock = () => new Date() } = this.#options;
    const before = new Date(clock().getTime() - retentionMs);
    const deleted: Record<string, number> = {};
    const errors: unknown[] = [];
    for (const task of tasks) {
      if (signal.aborted) break;
      try {
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
