import { CompressionTypes, Partitioners, type Kafka, type Message, type Producer } from 'kafkajs';
import { topicTable, type TopicName } from '@prequal/events';
import { EVENT_HEADERS } from './headers.ts';
import type { OutgoingEvent } from './outgoing.ts';
import { PartitionsNotAcknowledgedError } from './errors.ts';
import {
  byPartition,
  topicMessagesOf,
  unacknowledgedPartitions,
  type PartitionCount,
} from './partitioned-send.ts';
import { ProducerSession, sequenceLost } from './producer-session.ts';
import type { EventSerde } from './serde.ts';
import type { TopicNames } from './topic-names.ts';

/**
 * An idempotent kafkajs producer, one request in flight: a retry neither duplicates nor reorders
 * what it sends. Every send of ours asks acks from all in-sync replicas (acks -1, kafkajs's
 * default), and the brokers' min.insync.replicas says how many that must be (infra/kafka-cluster.env).
 * Its own retries of a send are at most 1 s apart, as the client's (kafka.ts): a send in progress
 * when the broker comes back goes through within a second, not after a backoff of up to 5 s.
 */
export function createIdempotentProducer(kafka: Kafka): Producer {
  return kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    createPartitioner: Partitioners.DefaultPartitioner,
    retry: { retries: 5, initialRetryTime: 100, maxRetryTime: 1_000 },
  });
}

/**
 * Encodes events through the registry serde and publishes them with our standard headers, on an
 * idempotent producer of its own (made by `createProducer`, again when its sequence is lost).
 */
export class EventPublisher {
  readonly #session: ProducerSession;
  readonly #serde: EventSerde;
  readonly #topics: TopicNames;
  readonly #partitionCount: PartitionCount;

  constructor(
    createProducer: () => Producer,
    serde: EventSerde,
    topics: TopicNames,
    partitionCount: PartitionCount,
  ) {
    this.#session = new ProducerSession(createProducer);
    this.#serde = serde;
    this.#topics = topics;
    this.#partitionCount = partitionCount;
  }

  /** The Kafka message of an event (throws InvalidEventError when it does not fit its schema). */
  toMessage<T extends TopicName>({ topic, key, eventId, correlationId, event }: OutgoingEvent<T>): Message {
    return {
      key,
      value: this.#serde.encode(topic, event),
      headers: {
        [EVENT_HEADERS.eventId]: eventId,
        [EVENT_HEADERS.eventType]: topicTable[topic],
        [EVENT_HEADERS.correlationId]: correlationId,
      },
    };
  }

  /** Looks up (once) the registry ids of the schemas these events are written with. */
  prepare(topics: readonly TopicName[]): Promise<void> {
    return this.#serde.resolveWriterIds([...new Set(topics)]);
  }

  /** Publishes events (in order within each topic) and resolves once all are acknowledged. */
  async publish(events: readonly OutgoingEvent[]): Promise<void> {
    await this.prepare(events.map((event) => event.topic));
    await this.send(events.map((event) => ({ topic: event.topic, message: this.toMessage(event) })));
  }

  /**
   * Sends encoded messages (in order within each partition) and resolves once all are
   * acknowledged by every in-sync replica: one request per leader, and a send that kafkajs
   * resolves without an acknowledgement of every partition it carried is a failure
   * (unacknowledgedPartitions says why), so the caller sends it again.
   */
  async send(messages: readonly { topic: TopicName; message: Message }[]): Promise<void> {
    if (messages.length === 0) return;
    const producer = await this.#session.connected();
    const batches = await byPartition(
      messages.map(({ topic, message }) => ({ topic: this.#topics[topic], message })),
      this.#partitionCount,
    );
    let acknowledged;
    try {
      acknowledged = await producer.sendBatch({
        acks: -1,
        compression: CompressionTypes.None,
        topicMessages: topicMessagesOf(batches),
      });
    } catch (error) {
      if (sequenceLost(error)) await this.#session.renew();
      throw error;
    }
    const missing = unacknowledgedPartitions(batches, acknowledged);
    if (missing.length > 0) {
      throw new PartitionsNotAcknowledgedError(
        `Kafka acknowledged no write to ${missing.map(({ topic, partition }) => `${topic}[${partition}]`).join(', ')}; the send is not complete`,
      );
    }
  }

  /** Disconnects its producer. */
  close(): Promise<void> {
    return this.#session.close();
  }
}
