import type { EventLoopUtilization } from 'node:perf_hooks';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Message } from 'kafkajs';
import { claimOutboxBatch, recordOutboxError, type ClaimedOutboxRow } from '@prequal/db';
import type { TopicName } from '@prequal/events';
import { failureKindOf, type Logger } from '@prequal/service-kit';
import { backoffDelayMs } from './backoff.ts';
import { eventFromJson } from './json-codec.ts';
import type { OutboxMetrics } from './outbox-metrics.ts';
import type { OutgoingEvent } from './outgoing.ts';
import type { EventPublisher } from './producer.ts';
import type { EventSerde } from './serde.ts';

/** A row that failed this often is parked (left unpublished, visible in the backlog metrics). */
const MAX_ATTEMPTS = 10;

/**
 * After a failed round (Kafka or the registry down): 200 ms doubling, at most 1 s. A round during
 * an outage costs a claim that finds the rows and a send that fails (itself retrying at most 1 s
 * apart, producer.ts), so trying every second is cheap, and the relay publishes within about a
 * second of the broker's return; at the former 5 s it published up to 5 s later.
 */
const RELAY_BACKOFF = { initialDelayMs: 200, maxDelayMs: 1_000 };

export interface OutboxRelayOptions {
  /** The topics this service writes to the outbox; the relay publishes only their rows. */
  readonly topics: readonly TopicName[];
  /** Makes a fresh EntityManager for each round (e.g. `() => orm.em.fork()`). */
  readonly em: () => EntityManager;
  readonly publisher: EventPublisher;
  readonly serde: EventSerde;
  readonly logger: Logger;
  readonly metrics: OutboxMetrics;
  readonly batchSize: number;
  /** How long an idle relay waits before looking anyway (a safety net for a missed wake-up). */
  readonly pollIntervalMs: number;
  /** While commits keep arriving, rounds start at least this far apart (batching under load). */
  readonly wakeDelayMs: number;
  /** wakeDelayMs while the process's event loop is busy (BUSY_LOOP): fewer, larger rounds. */
  readonly busyWakeDelayMs?: number;
  /** How busy the event loop was since the last call, 0..1 (default: Node's event loop utilization). */
  readonly loopUtilization?: () => number;
  /**
   * Told when the relay becomes busy (it then publishes every busyWakeDelayMs, needing no
   * wake-ups: the listener stops listening, which spares PostgreSQL a notification per commit)
   * and when it is no longer (wake-ups wanted again).
   */
  readonly onBusyChange?: (busy: boolean) => void;
}

/** Above this event loop utilization the relay coalesces for busyWakeDelayMs. */
export const BUSY_LOOP = 0.8;

/** How far apart a busy relay's rounds start: `busyWakeDelayMs`, never less than `wakeDelayMs`. */
export function busyDelayMs({
  wakeDelayMs,
  busyWakeDelayMs = wakeDelayMs,
}: Pick<OutboxRelayOptions, 'wakeDelayMs' | 'busyWakeDelayMs'>): number {
  return Math.max(wakeDelayMs, busyWakeDelayMs);
}

/**
 * Whether a relay whose round just ended is busy: its event loop was over BUSY_LOOP since the
 * last round and the round found rows (a busy loop with an empty outbox is someone else's work).
 */
export function isBusy(loopUtilization: number, claimed: number): boolean {
  return loopUtilization > BUSY_LOOP && claimed > 0;
}

/**
 * How busy this process's event loop has been, over windows of at least `windowMs`: a shorter
 * span (the few ms of one round) is mostly the relay's own work and would say "busy" at any load.
 * Until the first window has passed it says 0.
 */
export function loopUtilizationOverWindows(
  windowMs = 500,
  measure: (
    now?: EventLoopUtilization,
    last?: EventLoopUtilization,
  ) => EventLoopUtilization = performance.eventLoopUtilization.bind(performance),
  clock: () => number = () => performance.now(),
): () => number {
  let windowStart = measure();
  let startedAt = clock();
  let utilization = 0;
  return () => {
    if (clock() - startedAt < windowMs) return utilization;
    const now = measure();
    utilization = measure(now, windowStart).utilization;
    windowStart = now;
    startedAt = clock();
    return utilization;
  };
}

type State = 'idle' | 'publishing' | 'coalescing' | 'backing off' | 'stopped';

/**
 * Publishes outbox rows to Kafka and marks them published, in id order per key. It is woken when
 * rows are committed (`wake()`, from the outbox listener): an idle relay publishes at once; a wake
 * during a round means commits keep arriving, so the next round waits `wakeDelayMs` to take more
 * rows in one produce request. Without wake-ups it looks every `pollIntervalMs`.
 *
 * While its process is busy (the event loop over BUSY_LOOP, and rows to publish) it is busy too:
 * rounds every `busyWakeDelayMs`, found rows or not, and no wake-ups (`onBusyChange`). A round
 * costs about the same CPU for 10 rows as for 100 (a transaction, a claim, a produce request), the
 * relay shares its event loop with the API's requests or a worker's events, and each wake-up is a
 * notification PostgreSQL sends per commit; at a process's limit both are better spent on the
 * requests. It is no longer busy after a round in which the loop was not.
 */
export class OutboxRelay {
  readonly #options: OutboxRelayOptions;
  readonly #loopUtilization: () => number;
  #state: State = 'stopped';
  #loop: Promise<void> | undefined;
  #wokenDuringRound = false;
  #cutSleep: (() => void) | undefined;
  #failures = 0;
  #busy = false;

  constructor(options: OutboxRelayOptions) {
    this.#options = options;
    this.#loopUtilization = options.loopUtilization ?? loopUtilizationOverWindows();
  }

  get topics(): readonly TopicName[] {
    return this.#options.topics;
  }

  start(): void {
    if (this.#state !== 'stopped') return;
    this.#state = 'idle';
    this.#loop = this.#run();
  }

  /**
   * Rows were committed: publish them. It does not cut short a backoff after a failure: while Kafka
   * or the registry is down, submissions must not turn into retries.
   */
  wake(): void {
    if (this.#state === 'publishing' || this.#state === 'coalescing') this.#wokenDuringRound = true;
    if (this.#state === 'idle') this.#cutSleep?.();
  }

  /** Finishes the round in progress and stops. */
  async stop(): Promise<void> {
    this.#state = 'stopped';
    this.#cutSleep?.();
    await this.#loop;
  }

  async #run(): Promise<void> {
    while (this.#running()) {
      this.#state = 'publishing';
      this.#wokenDuringRound = false;
      const started = performance.now();
      let claimed = 0;
      try {
        claimed = await this.publishPending();
        this.#failures = 0;
      } catch (error) {
        this.#failures += 1;
        this.#options.metrics.failures.inc({ reason: failureKindOf(error) });
        this.#options.logger.warn(
          { err: error, failures: this.#failures },
          'outbox relay could not publish, will retry',
        );
      }
      if (!this.#running()) break;
      if (this.#failures > 0) {
        this.#state = 'backing off';
        await this.#sleep(backoffDelayMs(this.#failures, RELAY_BACKOFF));
        continue;
      }
      if (claimed >= this.#options.batchSize) continue; // a full batch: more are waiting
      this.#setBusy(isBusy(this.#loopUtilization(), claimed));
      if (this.#busy) {
        this.#state = 'coalescing';
        await this.#sleep(busyDelayMs(this.#options) - (performance.now() - started));
      } else if (this.#commitsKeepArriving()) {
        this.#state = 'coalescing';
        await this.#sleep(this.#options.wakeDelayMs - (performance.now() - started));
      } else if (claimed === 0) {
        this.#state = 'idle';
        await this.#sleep(this.#options.pollIntervalMs);
      }
      // Otherwise go again at once: a published row may have been holding back the next row of
      // its key. Idle only after a round that found nothing.
    }
    this.#setBusy(false);
  }

  #setBusy(busy: boolean): void {
    if (busy === this.#busy) return;
    this.#busy = busy;
    this.#options.logger.debug({ busy }, busy ? 'outbox relay busy: polling' : 'outbox relay: woken again');
    this.#options.onBusyChange?.(busy);
  }

  #running(): boolean {
    return this.#state !== 'stopped';
  }

  /** Whether rows were committed (a wake-up came) while the last round ran. */
  #commitsKeepArriving(): boolean {
    return this.#wokenDuringRound;
  }

  #sleep(ms: number): Promise<void> {
    if (ms <= 0) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      const cut = (): void => {
        clearTimeout(timer);
        done();
      };
      this.#cutSleep = cut;
      function done(): void {
        resolve();
      }
    });
  }

  /**
   * One round: claims a batch of rows, marks them published and publishes them, in one
   * transaction. A row that cannot be encoded (a bug, never fixed by retrying) is unmarked and
   * keeps its error (parked after 10 attempts); the others go out. Returns how many rows it claimed.
   */
  async publishPending(): Promise<number> {
    const { em, publisher, serde, metrics, topics, batchSize } = this.#options;
    return em().transactional(async (tx) => {
      const rows = await claimOutboxBatch(tx, topics, { limit: batchSize, maxAttempts: MAX_ATTEMPTS });
      if (rows.length === 0) return 0;
      await publisher.prepare(topics);
      const messages: { topic: TopicName; message: Message }[] = [];
      for (const row of rows) {
        try {
          const event = toEvent(row, serde);
          messages.push({ topic: event.topic, message: publisher.toMessage(event) });
        } catch (error) {
          if (failureKindOf(error) !== 'fatal') throw error;
          await this.#recordError(tx, row, error);
        }
      }
      await publisher.send(messages);
      const published = new Map<TopicName, number>();
      for (const { topic } of messages) published.set(topic, (published.get(topic) ?? 0) + 1);
      for (const [topic, count] of published) metrics.published.inc({ topic }, count);
      return rows.length;
    });
  }

  async #recordError(tx: EntityManager, row: ClaimedOutboxRow, error: unknown): Promise<void> {
    this.#options.logger.error(
      { err: error, outboxId: row.id, eventId: row.event_id },
      'outbox row cannot be published',
    );
    await recordOutboxError(tx, row.id, error instanceof Error ? error.message : String(error));
  }
}

function toEvent(row: ClaimedOutboxRow, serde: EventSerde): OutgoingEvent {
  const topic = row.topic as TopicName; // the claim takes only rows of this relay's topics
  return {
    topic,
    key: row.message_key,
    eventId: row.event_id,
    correlationId: row.correlation_id,
    event: eventFromJson(serde.typeOf(topic), row.payload) as OutgoingEvent['event'],
  };
}
