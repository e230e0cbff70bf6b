import type { Admin, Kafka, Producer } from 'kafkajs';
import type { Registry } from 'prom-client';
import { brokerList, type Logger, type ReadinessCheck } from '@prequal/service-kit';
import { createKafka } from './kafka.ts';
import { createOutboxRelay, type OutboxRelaySettings } from './outbox-relay-factory.ts';
import type { OutboxRelay } from './outbox-relay.ts';
import { createIdempotentProducer, EventPublisher } from './producer.ts';
import { createRegistry, EventSerde, registryReachable } from './serde.ts';
import type { TopicName } from '@prequal/events';
import { topicNamesWithPrefix, type TopicNames } from './topic-names.ts';

export interface MessagingConfig {
  readonly KAFKA_BROKERS: string;
  readonly SCHEMA_REGISTRY_URL: string;
  readonly TOPIC_PREFIX: string;
}

/** What a service needs to publish events: one Kafka client, the registry serde, a producer. */
export interface Messaging {
  readonly topics: TopicNames;
  readonly kafka: Kafka;
  readonly serde: EventSerde;
  readonly producer: Producer;
  readonly publisher: EventPublisher;
  /** One admin client, connected on first use, for readiness checks and metrics. */
  admin(): Promise<Admin>;
  /**
   * Readiness checks: the broker answers metadata; the registry answers and holds the schemas of
   * the topics this service writes (so an unregistered subject shows on /ready, not only as relay
   * errors in the log).
   */
  readonly readiness: Readonly<Record<'kafka' | 'registry', ReadinessCheck>>;
  /** An outbox relay publishing this service's outbox rows through its publisher. */
  outboxRelay(settings: OutboxRelaySettings, deps: { logger: Logger; metrics: Registry }): OutboxRelay;
  /** Disconnects the producer and the admin client. */
  close(): Promise<void>;
}

/**
 * Kafka, the registry serde and an idempotent producer for a service. Nothing connects here: the
 * producer connects on first send, so a service can start (and the API accept applications)
 * while Kafka is down.
 */
export function createMessaging(
  clientId: string,
  config: MessagingConfig,
  logger: Logger,
  { writes = [] }: { readonly writes?: readonly TopicName[] } = {},
): Messaging {
  const topics = topicNamesWithPrefix(config.TOPIC_PREFIX);
  const kafka = createKafka({ clientId, brokers: brokerList(config), logger });
  const serde = new EventSerde(createRegistry(config.SCHEMA_REGISTRY_URL), topics);
  const producer = createIdempotentProducer(kafka);
  const publisher = new EventPublisher(producer, serde, topics);
  let admin: Promise<Admin> | undefined;
  const connectedAdmin = (): Promise<Admin> => {
    admin ??= (async () => {
      const client = kafka.admin({ retry: { retries: 0 } });
      await client.connect();
      return client;
    })().catch((error: unknown) => {
      admin = undefined;
      throw error;
    });
    return admin;
  };
  return {
    topics,
    kafka,
    serde,
    producer,
    publisher,
    admin: connectedAdmin,
    readiness: {
      kafka: async () => {
        await (await connectedAdmin()).describeCluster();
      },
      registry: async () => {
        await registryReachable(config.SCHEMA_REGISTRY_URL);
        // Looked up once per topic and cached, so a ready service costs no registry call here.
        await serde.resolveWriterIds(writes);
      },
    },
    outboxRelay: (settings, deps) => createOutboxRelay(settings, { ...deps, serde, publisher }),
    close: async () => {
      await producer.disconnect();
      if (admin) await (await admin.catch(() => undefined))?.disconnect();
    },
  };
}
