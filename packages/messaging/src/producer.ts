import { CompressionTypes, Partitioners, type Kafka, type Message, type Producer } from 'kafkajs';
import { topicTable, type TopicName } from '@prequal/events';
import { EVENT_HEADERS } from './headers.ts';
import type { OutgoingEvent } from './outgoing.ts';
import type { EventSerde } from './serde.ts';
import type { TopicNames } from './topic-names.ts';

/**
 * An idempotent kafkajs producer (acks from all in-sync replicas, one request in flight). Its own
 * retries of a send are at most 1 s apart, as the client's (kafka.ts): a send in progress when the
 * broker comes back goes through within a second, not after a backoff of up to 5 s.
 */
export function createIdempotentProducer(kafka: Kafka): Producer {
  return kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    createPartitioner: Partitioners.DefaultPartitioner,
    retry: { retries: 5, initialRetryTime: 100, maxRetryTime: 1_000 },
  });
}

/** Encodes events through the registry serde and publishes them with our standard headers. */
export class EventPublisher {
  readonly #producer: Producer;
  readonly #serde: EventSerde;
  readonly #topics: TopicNames;
  #connected: Promise<void> | undefined;

  constructor(producer: Producer, serde: EventSerde, topics: TopicNames) {
    this.#producer = producer;
    this.#serde = serde;
    this.#topics = topics;
    producer.on(producer.events.DISCONNECT, () => {
      this.#connected = undefined;
    });
  }

  /** Connects on first use (and again after a disconnect), so a service can start while Kafka is down. */
  #ensureConnected(): Promise<void> {
    this.#connected ??= this.#producer.connect().catch((error: unknown) => {
      this.#connected = undefined;
      throw error;
    });
    return this.#connected;
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

  /** Sends encoded messages (in order within each topic) and resolves once all are acknowledged. */
  async send(messages: readonly { topic: TopicName; message: Message }[]): Promise<void> {
    if (messages.length === 0) return;
    await this.#ensureConnected();
    const byTopic = new Map<string, Message[]>();
    for (const { topic, message } of messages) {
      const kafkaTopic = this.#topics[topic];
      byTopic.set(kafkaTopic, [...(byTopic.get(kafkaTopic) ?? []), message]);
    }
    await this.#producer.sendBatch({
      acks: -1,
      compression: CompressionTypes.None,
      topicMessages: [...byTopic].map(([topic, topicMessages]) => ({ topic, messages: topicMessages })),
    });
  }
}
