import { setTimeout as sleep } from 'node:timers/promises';
import type { Consumer, EachBatchPayload, Kafka, KafkaMessage, Producer } from 'kafkajs';
import type { TopicName } from '@prequal/events';
import { failureKindOf, type Logger } from '@prequal/service-kit';
import { backoffDelayMs, type BackoffOptions } from './backoff.ts';
import type { ConsumerMetrics } from './consumer-metrics.ts';
import { deadLetterMessage } from './dead-letter.ts';
import { EVENT_HEADERS, headerValue } from './headers.ts';
import type { ApplyEvents, IncomingEvent } from './pipeline/delivery.ts';
import type { EventSerde } from './serde.ts';
import type { TopicNames } from './topic-names.ts';

/** Most events handed to the pipeline at once (a fetched batch may be larger). */
const MAX_BATCH_SIZE = 500;

/**
 * How long the group waits for a member that stopped heartbeating (killed, frozen, cut off) before
 * it gives that member's partitions to the others, or to its restarted successor, which joins as a
 * new member (kafkajs has no static membership: docs/decisions/0071-static-membership.md). The
 * broker accepts 6 s at least (group.min.session.timeout.ms); 10 s leaves room for a stalled event
 * loop on a busy machine. It no longer has to cover a slow batch: the runtime heartbeats while it
 * works (`#keepAlive`). See docs/decisions/0070-recovery-times.md.
 */
const SESSION_TIMEOUT_MS = 10_000;
/**
 * A heartbeat a second (a third of the session or less, as Kafka advises). Its answer is also how
 * a member learns that the group is rebalancing (one joined or left), so it bounds how long a
 * rebalance waits for the members that are already in; it costs one small request a second.
 */
const HEARTBEAT_INTERVAL_MS = 1_000;
/**
 * How long the broker holds a fetch that finds nothing. With minBytes 1 it answers as soon as any
 * data arrives, so this bounds only an empty fetch: it costs no latency, and an idle consumer
 * fetches twice a second instead of twenty times (at 50 ms). Under the heartbeat interval, because
 * kafkajs heartbeats from its fetch loop. See docs/decisions/0090-idle-timers.md.
 */
const FETCH_MAX_WAIT_MS = 500;

export interface ConsumerRuntimeOptions<T extends TopicName> {
  readonly kafka: Kafka;
  readonly serde: EventSerde;
  readonly topics: TopicNames;
  readonly topic: T;
  readonly groupId: string;
  /**
   * Applies a batch of events, in partition order, atomically (one transaction, one produce) or
   * throws; after a failure that is not a dependency outage the runtime hands the events over
   * again one at a time, so that one bad event is dead-lettered and the rest applied.
   */
  readonly apply: ApplyEvents<T>;
  readonly deadLetterProducer: Producer;
  readonly logger: Logger;
  readonly metrics: ConsumerMetrics;
  readonly maxAttempts: number;
  readonly backoff: BackoffOptions;
  readonly partitionsConsumedConcurrently: number;
}

interface Decoded<T extends TopicName> extends IncomingEvent<T> {
  readonly message: KafkaMessage;
}

type Outcome = 'done' | 'stopped';

/** The partition being worked on: keep the group session alive, and know whether it is still ours. */
interface PartitionLease {
  heartbeat(): Promise<void>;
  /** False once the runtime stops or a rebalance gave the partition to another member. */
  held(): boolean;
}

/**
 * The one consumer loop of every worker: decodes through the registry into the generated types,
 * handles each fetched batch in its own context (one transaction per batch), retries with
 * backoff, dead-letters what cannot be processed, and commits offsets only after the effect of
 * the messages before them is durable.
 */
export class ConsumerRuntime<T extends TopicName> {
  readonly #options: ConsumerRuntimeOptions<T>;
  readonly #consumer: Consumer;
  readonly #kafkaTopic: string;
  #running = false;
  /** Joined its group, and not crashed since (kafkajs restarts a crashed consumer as a new member). */
  #member = false;

  constructor(options: ConsumerRuntimeOptions<T>) {
    this.#options = options;
    this.#kafkaTopic = options.topics[options.topic];
    this.#consumer = options.kafka.consumer({
      groupId: options.groupId,
      sessionTimeout: SESSION_TIMEOUT_MS,
      heartbeatInterval: HEARTBEAT_INTERVAL_MS,
      maxWaitTimeInMs: FETCH_MAX_WAIT_MS,
      // Retries at most 1 s apart: a consumer back from an outage fetches within a second.
      retry: { retries: Number.MAX_SAFE_INTEGER, maxRetryTime: 1_000 },
    });
    const { GROUP_JOIN, CRASH, STOP } = this.#consumer.events;
    this.#consumer.on(GROUP_JOIN, () => {
      this.#member = true;
    });
    for (const event of [CRASH, STOP]) {
      this.#consumer.on(event, () => {
        this.#member = false;
      });
    }
  }

  /** For /ready: rejects unless the consumer is a member of its group (joined, not crashed since). */
  membership(): Promise<void> {
    return this.#member
      ? Promise.resolve()
      : Promise.reject(new Error(`not a member of consumer group ${this.#options.groupId}`));
  }

  async start(): Promise<void> {
    this.#running = true;
    await this.#consumer.connect();
    await this.#consumer.subscribe({ topics: [this.#kafkaTopic], fromBeginning: true });
    await this.#consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: this.#options.partitionsConsumedConcurrently,
      eachBatch: (payload) => this.#eachBatch(payload),
    });
  }

  /**
   * Stops fetching, lets the chunk in hand finish, commits, and leaves the group (kafkajs sends
   * LeaveGroup before it disconnects), so the group rebalances at once instead of waiting a session
   * timeout for this member: the first step of a graceful shutdown.
   */
  async stop(): Promise<void> {
    this.#running = false;
    const started = performance.now();
    await this.#consumer.disconnect();
    this.#member = false;
    this.#options.logger.info(
      { groupId: this.#options.groupId, ms: Math.round(performance.now() - started) },
      'consumer stopped: offsets committed, left the group',
    );
  }

  async #eachBatch(payload: EachBatchPayload): Promise<void> {
    let lost = false;
    const lease: PartitionLease = {
      heartbeat: async () => {
        try {
          await payload.heartbeat();
        } catch (error) {
          lost = true; // e.g. REBALANCE_IN_PROGRESS: stop working this partition, kafkajs rejoins
          throw error;
        }
      },
      held: () => this.#running && !lost && payload.isRunning() && !payload.isStale(),
    };
    const keepAlive = this.#keepAlive(lease);
    try {
      await this.#processBatch(payload, lease);
    } finally {
      clearInterval(keepAlive);
    }
  }

  /**
   * Heartbeats every interval while a batch is worked on, as the Java client's heartbeat thread
   * does: a slow transaction or a produce that retries does not cost the session, which may then
   * be short enough to notice a dead member quickly. kafkajs sends one heartbeat per interval
   * however often it is asked, and only on the event loop, so a frozen process still loses it.
   */
  #keepAlive(lease: PartitionLease): NodeJS.Timeout {
    return setInterval(() => {
      if (lease.held()) lease.heartbeat().catch(() => undefined);
    }, HEARTBEAT_INTERVAL_MS);
  }

  async #processBatch(payload: EachBatchPayload, lease: PartitionLease): Promise<void> {
    const { partition, messages } = payload.batch;
    for (let start = 0; start < messages.length; start += MAX_BATCH_SIZE) {
      if (!lease.held()) break;
      const chunk = messages.slice(start, start + MAX_BATCH_SIZE);
      const started = performance.now();
      const outcome = await this.#processChunk(partition, chunk, lease);
      if (outcome === 'stopped') break;
      // Every event of the chunk took this long to its durable effect.
      const seconds = (performance.now() - started) / 1000;
      for (const _ of chunk) this.#options.metrics.duration.observe({ topic: this.#kafkaTopic }, seconds);
      const last = chunk.at(-1);
      if (last) {
        payload.resolveOffset(last.offset);
        if (!(await this.#commit(payload, (BigInt(last.offset) + 1n).toString(), lease))) break;
      }
      await lease.heartbeat();
    }
  }

  /**
   * Commits the partition's offset, retrying while the partition is ours; false once it is not (its
   * next owner starts from the last commit and the consumers are idempotent). kafkajs 2.2.4 sends
   * every commit to the coordinator it joined through, and after a broker loss moved the group's
   * coordinator it retried NOT_COORDINATOR there for ever (seen in test/cluster's broker loss):
   * such an error leaves the batch, so that kafkajs rejoins, finding the new coordinator, and
   * hands the uncommitted messages over again.
   */
  async #commit(payload: EachBatchPayload, offset: string, lease: PartitionLease): Promise<boolean> {
    const { topic, partition } = payload.batch;
    for (let attempt = 1; ; attempt++) {
      try {
        await payload.commitOffsetsIfNecessary({ topics: [{ topic, partitions: [{ partition, offset }] }] });
        return true;
      } catch (error) {
        if (mustRejoin(error)) throw error;
        this.#options.logger.warn(
          { err: error, partition, attempt },
          'committing the offset failed, trying again',
        );
        if (!(await this.#waitWhileHeld(backoffDelayMs(attempt, this.#options.backoff), lease))) return false;
      }
    }
  }

  /** Decodes (dead-lettering what cannot be), then applies the rest as one batch. */
  async #processChunk(partition: number, chunk: KafkaMessage[], lease: PartitionLease): Promise<Outcome> {
    const decoded: Decoded<T>[] = [];
    for (const message of chunk) {
      const result = await this.#withRetries(
        () => this.#decode(partition, message),
        lease,
        (error, attempts) => this.#deadLetter(partition, message, error, attempts),
        () => this.#options.logger.child({ topic: this.#kafkaTopic, partition, offset: message.offset }),
      );
      if (result === 'stopped') return 'stopped';
      if (result !== 'failed') decoded.push(result);
    }
    if (decoded.length === 0) return 'done';
    const batch = await this.#withRetries(
      (attempt) => this.#handle(decoded, attempt),
      lease,
      () => Promise.resolve(),
    );
    if (batch === 'stopped') return 'stopped';
    if (batch !== 'failed') return 'done';
    // The batch failed for good: apply the events one by one, so only the bad one is dead-lettered.
    for (const item of decoded) {
      const single = await this.#withRetries(
        (attempt) => this.#handle([item], attempt),
        lease,
        (error, attempts) => this.#deadLetter(partition, item.message, error, attempts),
        () => item.logger,
      );
      if (single === 'stopped') return 'stopped';
    }
    return 'done';
  }

  async #decode(partition: number, message: KafkaMessage): Promise<Decoded<T>> {
    const correlationId = headerValue(message.headers, EVENT_HEADERS.correlationId);
    const event = await this.#options.serde.decode(this.#options.topic, message.value);
    const logger = this.#options.logger.child({
      correlationId,
      eventId: headerValue(message.headers, EVENT_HEADERS.eventId),
      topic: this.#kafkaTopic,
      partition,
      offset: message.offset,
    });
    return { event, correlationId, logger, message };
  }

  async #handle(items: readonly Decoded<T>[], attempt: number): Promise<'done'> {
    await this.#options.apply(items, attempt);
    this.#options.metrics.processed.inc({ topic: this.#kafkaTopic, outcome: 'success' }, items.length);
    return 'done';
  }

  /**
   * Runs `work` until it succeeds: waits out dependency outages without limit, retries retriable
   * failures up to the attempt limit; on a fatal or exhausted failure calls `giveUp` and reports
   * 'failed'; reports 'stopped' when the runtime stops while waiting.
   */
  async #withRetries<R>(
    work: (attempt: number) => Promise<R>,
    lease: PartitionLease,
    giveUp: (error: unknown, attempts: number) => Promise<void>,
    /** The logger of retry warnings; made only when one is needed (not per message on the hot path). */
    logger: () => Logger = () => this.#options.logger,
  ): Promise<R | 'failed' | 'stopped'> {
    for (let attempt = 1, outages = 0; ;) {
      try {
        return await work(attempt);
      } catch (error) {
        const kind = failureKindOf(error);
        if (kind === 'fatal' || (kind === 'retriable' && attempt >= this.#options.maxAttempts)) {
          await giveUp(error, attempt);
          return 'failed';
        }
        if (kind === 'retriable') attempt += 1;
        else outages += 1;
        this.#options.metrics.retries.inc({ topic: this.#kafkaTopic, kind });
        const delay = backoffDelayMs(kind === 'retriable' ? attempt - 1 : outages, this.#options.backoff);
        logger().warn({ err: error, kind, attempt, delayMs: delay }, 'handling failed, trying again');
        if (!(await this.#waitWhileHeld(delay, lease))) return 'stopped';
      }
    }
  }

  /** Sleeps in short steps, heartbeating; false when the partition is no longer ours to work. */
  async #waitWhileHeld(delayMs: number, lease: PartitionLease): Promise<boolean> {
    const deadline = Date.now() + delayMs;
    while (lease.held() && Date.now() < deadline) {
      await sleep(Math.min(500, deadline - Date.now()));
      await lease.heartbeat().catch(() => undefined);
    }
    return lease.held();
  }

  async #deadLetter(
    partition: number,
    message: KafkaMessage,
    error: unknown,
    attempts: number,
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
    this.#options.logger.error(
      {
        err: error,
        attempts,
        deadLetterTopic: record.topic,
        correlationId: headerValue(message.headers, EVENT_HEADERS.correlationId),
        partition,
        offset: message.offset,
      },
      'message dead-lettered',
    );
  }
}

/** kafkajs's group errors after which only a rejoin helps (its own runner rejoins on them). */
const REJOIN_ERRORS = new Set([
  'NOT_COORDINATOR_FOR_GROUP',
  'REBALANCE_IN_PROGRESS',
  'ILLEGAL_GENERATION',
  'UNKNOWN_MEMBER_ID',
]);

function mustRejoin(error: unknown): boolean {
  const type = (error as { type?: unknown } | null)?.type;
  return typeof type === 'string' && REJOIN_ERRORS.has(type);
}
