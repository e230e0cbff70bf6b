import { setTimeout as sleep } from 'node:timers/promises';
import type { Consumer, EachBatchPayload, Kafka, KafkaMessage, Producer } from 'kafkajs';
import type { EventOf, TopicName } from '@prequal/events';
import type { Logger } from '@prequal/service-kit';
import type { ConsumerMetrics } from './consumer-metrics.ts';
import { deadLetterMessage } from './dead-letter.ts';
import { backoffDelayMs, classifyFailure, type BackoffOptions } from './failure.ts';
import { EVENT_HEADERS, headerValue } from './headers.ts';
import type { EventSerde } from './serde.ts';
import type { TopicNames } from './topic-names.ts';

/** What a handler gets besides the event: its own context (e.g. a forked EntityManager), a logger. */
export interface HandlerContext<C> {
  readonly context: C;
  readonly logger: Logger;
  readonly correlationId: string | undefined;
  readonly attempt: number;
}

/** A Kafka handler is a thin adapter: decoding, retries, dead letters and commits live here. */
export type EventHandler<T extends TopicName, C> = (
  event: EventOf<T>,
  ctx: HandlerContext<C>,
) => Promise<void>;

export interface ConsumerRuntimeOptions<T extends TopicName, C> {
  readonly kafka: Kafka;
  readonly serde: EventSerde;
  readonly topics: TopicNames;
  readonly topic: T;
  readonly groupId: string;
  readonly handler: EventHandler<T, C>;
  /** Makes a fresh context per attempt, e.g. `() => orm.em.fork()`. */
  readonly createContext: () => C;
  readonly deadLetterProducer: Producer;
  readonly logger: Logger;
  readonly metrics: ConsumerMetrics;
  readonly maxAttempts?: number;
  readonly backoff?: BackoffOptions;
  readonly partitionsConsumedConcurrently?: number;
}

type Outcome = 'success' | 'dead_lettered' | 'stopped';

/**
 * The one consumer loop of every worker: decodes through the registry into the generated types,
 * handles each message in its own context, retries with backoff, dead-letters what cannot be
 * processed, and commits an offset only after the message's effect is durable.
 */
export class ConsumerRuntime<T extends TopicName, C> {
  readonly #options: ConsumerRuntimeOptions<T, C>;
  readonly #consumer: Consumer;
  readonly #kafkaTopic: string;
  readonly #maxAttempts: number;
  readonly #backoff: BackoffOptions;
  #running = false;

  constructor(options: ConsumerRuntimeOptions<T, C>) {
    this.#options = options;
    this.#kafkaTopic = options.topics[options.topic];
    this.#maxAttempts = options.maxAttempts ?? 5;
    this.#backoff = options.backoff ?? { initialDelayMs: 200, maxDelayMs: 10_000 };
    this.#consumer = options.kafka.consumer({
      groupId: options.groupId,
      sessionTimeout: 30_000,
      heartbeatInterval: 3_000,
      maxWaitTimeInMs: 100,
      retry: { retries: Number.MAX_SAFE_INTEGER, maxRetryTime: 10_000 },
    });
  }

  get kafkaConsumer(): Consumer {
    return this.#consumer;
  }

  async start(): Promise<void> {
    this.#running = true;
    await this.#consumer.connect();
    await this.#consumer.subscribe({ topics: [this.#kafkaTopic], fromBeginning: true });
    await this.#consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: this.#options.partitionsConsumedConcurrently ?? 3,
      eachBatch: (payload) => this.#eachBatch(payload),
    });
  }

  /** Stops fetching, lets the message in hand finish, commits, and leaves the group. */
  async stop(): Promise<void> {
    this.#running = false;
    await this.#consumer.disconnect();
  }

  async #eachBatch(payload: EachBatchPayload): Promise<void> {
    const { batch } = payload;
    const { topic, partition } = batch;
    const heartbeat = (): Promise<void> => payload.heartbeat();
    this.#options.metrics.lag.set({ topic, partition: String(partition) }, Number(batch.offsetLag()));
    let next: string | undefined;
    for (const message of batch.messages) {
      if (!this.#running || !payload.isRunning() || payload.isStale()) break;
      const outcome = await this.#process(partition, message, heartbeat);
      if (outcome === 'stopped') break;
      payload.resolveOffset(message.offset);
      next = (BigInt(message.offset) + 1n).toString();
      await heartbeat();
    }
    if (next !== undefined) await this.#consumer.commitOffsets([{ topic, partition, offset: next }]);
  }

  async #process(partition: number, message: KafkaMessage, heartbeat: () => Promise<void>): Promise<Outcome> {
    const { metrics, topic, serde, handler, createContext } = this.#options;
    const correlationId = headerValue(message.headers, EVENT_HEADERS.correlationId);
    const logger = this.#options.logger.child({
      correlationId,
      eventId: headerValue(message.headers, EVENT_HEADERS.eventId),
      topic: this.#kafkaTopic,
      partition,
      offset: message.offset,
    });
    const stopTimer = metrics.duration.startTimer({ topic: this.#kafkaTopic });
    for (let attempt = 1, unavailable = 0; ;) {
      try {
        const event = await serde.decode(topic, message.value);
        await handler(event, { context: createContext(), logger, correlationId, attempt });
        metrics.processed.inc({ topic: this.#kafkaTopic, outcome: 'success' });
        stopTimer();
        return 'success';
      } catch (error) {
        const kind = classifyFailure(error);
        if (kind === 'fatal' || (kind === 'retriable' && attempt >= this.#maxAttempts)) {
          await this.#deadLetter(partition, message, error, attempt, logger);
          stopTimer();
          return 'dead_lettered';
        }
        if (kind === 'retriable') attempt += 1;
        else unavailable += 1;
        metrics.retries.inc({ topic: this.#kafkaTopic, kind });
        const delay = backoffDelayMs(kind === 'retriable' ? attempt - 1 : unavailable, this.#backoff);
        logger.warn({ err: error, kind, attempt, delayMs: delay }, 'handling failed, trying again');
        if (!(await this.#waitWhileRunning(delay, heartbeat))) return 'stopped';
      }
    }
  }

  /** Sleeps in short steps, heartbeating; false when the runtime was stopped meanwhile. */
  async #waitWhileRunning(delayMs: number, heartbeat: () => Promise<void>): Promise<boolean> {
    const deadline = Date.now() + delayMs;
    while (this.#running && Date.now() < deadline) {
      await sleep(Math.min(500, deadline - Date.now()));
      await heartbeat().catch(() => undefined);
    }
    return this.#running;
  }

  async #deadLetter(
    partition: number,
    message: KafkaMessage,
    error: unknown,
    attempts: number,
    logger: Logger,
  ): Promise<void> {
    const origin = { topic: this.#kafkaTopic, partition, consumerGroup: this.#options.groupId };
    const record = deadLetterMessage(message, origin, error, attempts, new Date());
    await this.#options.deadLetterProducer.send({
      topic: record.topic,
      messages: [record.message],
      acks: -1,
    });
    const errorClass = error instanceof Error ? error.name : 'unknown';
    this.#options.metrics.deadLettered.inc({ topic: this.#kafkaTopic, error_class: errorClass });
    this.#options.metrics.processed.inc({ topic: this.#kafkaTopic, outcome: 'dead_lettered' });
    logger.error({ err: error, attempts, deadLetterTopic: record.topic }, 'message dead-lettered');
  }
}
