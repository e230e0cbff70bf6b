import type { EntityManager } from '@mikro-orm/postgresql';
import type { Message } from 'kafkajs';
import { placeholders } from '@prequal/db';
import type { Logger } from '@prequal/service-kit';
import type { TopicName } from '@prequal/events';
import { backoffDelayMs, classifyFailure } from './failure.ts';
import { eventFromJson } from './json-codec.ts';
import type { OutboxMetrics } from './outbox-metrics.ts';
import type { EventPublisher, OutgoingEvent } from './producer.ts';
import type { EventSerde } from './serde.ts';

interface OutboxRecord {
  id: string;
  topic: string;
  message_key: string;
  event_id: string;
  correlation_id: string;
  payload: unknown;
}

/** A row that failed this often is parked (left unpublished, visible in the backlog metrics). */
const MAX_ATTEMPTS = 10;

/*
 * Claims a batch and marks it published in one statement; the transaction commits only after
 * Kafka acknowledged the batch, so a failed send rolls the marks back. Only the head of each key's
 * queue is taken: a row waits while an earlier row of the same key is unpublished, so one
 * application's events leave in order even with several relays. Locked rows are skipped, so
 * relays never publish the same row concurrently.
 */
const CLAIM_BATCH = `
  update outbox set published_at = now(), attempts = attempts + 1
  where id in (
    select o.id from outbox o
    where o.published_at is null
      and o.topic in (%TOPICS%)
      and o.attempts < ?
      and not exists (
        select 1 from outbox e
        where e.published_at is null and e.topic = o.topic and e.message_key = o.message_key and e.id < o.id)
    order by o.id
    limit ?
    for update of o skip locked)
  returning id, topic, message_key, event_id, correlation_id, payload`;

export interface OutboxRelayOptions {
  /** The topics this service writes to the outbox; the relay publishes only their rows. */
  readonly topics: readonly TopicName[];
  /** Makes a fresh EntityManager for each round (e.g. `() => orm.em.fork()`). */
  readonly em: () => EntityManager;
  readonly publisher: EventPublisher;
  readonly serde: EventSerde;
  readonly logger: Logger;
  readonly metrics: OutboxMetrics;
  readonly batchSize?: number;
  readonly pollIntervalMs?: number;
  /** After a wake-up, wait this long so that rows committed meanwhile go out in the same round. */
  readonly wakeDelayMs?: number;
}

/** Publishes outbox rows to Kafka and marks them published, in id order per key. */
export class OutboxRelay {
  readonly #options: OutboxRelayOptions;
  readonly #batchSize: number;
  readonly #pollIntervalMs: number;
  #running = false;
  #loop: Promise<void> | undefined;
  #wake: (() => void) | undefined;
  #wakeTimer: NodeJS.Timeout | undefined;
  #wakePending = false;
  #failures = 0;
  readonly #claim: string;

  constructor(options: OutboxRelayOptions) {
    this.#options = options;
    this.#batchSize = options.batchSize ?? 500;
    this.#pollIntervalMs = options.pollIntervalMs ?? 100;
    this.#claim = CLAIM_BATCH.replace('%TOPICS%', placeholders(options.topics.length));
  }

  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.#loop = this.#run();
  }

  /**
   * Publish soon: called after committing new outbox rows, to skip the poll wait. It does not cut
   * short a backoff after a failure: while Kafka or the registry is down, submissions must not
   * turn into retries.
   */
  wake(): void {
    this.#wakeTimer ??= setTimeout(() => {
      this.#wakeTimer = undefined;
      this.#wakePending = true;
      if (this.#failures === 0) this.#wake?.();
    }, this.#options.wakeDelayMs ?? 20);
  }

  /** Finishes the round in progress and stops. */
  async stop(): Promise<void> {
    this.#running = false;
    clearTimeout(this.#wakeTimer);
    this.#wakeTimer = undefined;
    this.#wake?.();
    await this.#loop;
  }

  async #run(): Promise<void> {
    while (this.#running) {
      let published = 0;
      this.#wakePending = false;
      try {
        published = await this.publishPending();
        this.#failures = 0;
      } catch (error) {
        this.#failures += 1;
        this.#options.metrics.failures.inc({ reason: classifyFailure(error) });
        this.#options.logger.warn(
          { err: error, failures: this.#failures },
          'outbox relay could not publish, will retry',
        );
      }
      // A full batch, or rows committed during the round (woken meanwhile): go again at once.
      if (this.#failures > 0) {
        await this.#sleep(backoffDelayMs(this.#failures, { initialDelayMs: 200, maxDelayMs: 5_000 }));
      } else if (published < this.#batchSize && !this.#wokenDuringRound()) {
        await this.#sleep(this.#pollIntervalMs);
      }
    }
  }

  /** Whether `wake()` fired since the round began (a flag set from a timer callback). */
  #wokenDuringRound(): boolean {
    return this.#wakePending;
  }

  #sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.#wake = done;
    });
  }

  /**
   * One round: claims a batch of rows, marks them published and publishes them, in one
   * transaction. A row that cannot be encoded (a bug, never fixed by retrying) is unmarked and
   * keeps its error; the others go out. Returns how many rows were published.
   */
  async publishPending(): Promise<number> {
    const { em, publisher, serde, metrics } = this.#options;
    return em().transactional(async (tx) => {
      const claimed = await tx.execute<OutboxRecord[]>(this.#claim, [
        ...this.#options.topics,
        MAX_ATTEMPTS,
        this.#batchSize,
      ]);
      if (claimed.length === 0) return 0;
      const rows = claimed.sort((a, b) => Number(BigInt(a.id) - BigInt(b.id)));
      await publisher.prepare(this.#options.topics);
      const messages: { topic: TopicName; message: Message }[] = [];
      for (const row of rows) {
        try {
          const event = this.#toEvent(row, serde);
          messages.push({ topic: event.topic, message: publisher.toMessage(event) });
        } catch (error) {
          if (classifyFailure(error) !== 'fatal') throw error;
          await this.#recordError(tx, row, error);
        }
      }
      await publisher.send(messages);
      for (const { topic } of messages) metrics.published.inc({ topic });
      return messages.length;
    });
  }

  #toEvent(row: OutboxRecord, serde: EventSerde): OutgoingEvent {
    const topic = row.topic as TopicName; // the claim takes only rows of this relay's topics
    return {
      topic,
      key: row.message_key,
      eventId: row.event_id,
      correlationId: row.correlation_id,
      event: eventFromJson(serde.typeOf(topic), row.payload) as OutgoingEvent['event'],
    };
  }

  async #recordError(tx: EntityManager, row: OutboxRecord, error: unknown): Promise<void> {
    const message = error instanceof Error ? error.message : String(error);
    this.#options.logger.error(
      { err: error, outboxId: row.id, eventId: row.event_id },
      'outbox row cannot be published',
    );
    await tx.execute('update outbox set published_at = null, last_error = ? where id = ?', [message, row.id]);
  }
}
