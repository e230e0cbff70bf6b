import type { Admin, Kafka, Producer } from 'kafkajs';
import type { TopicName } from '@prequal/events';
import { EventCipher, type Keyring } from '@prequal/pii';
import type { Logger, Part, ReadinessCheck } from '@prequal/service-kit';
import { createConsumerKafka, createKafka } from './kafka.ts';
import { verifyKafkaCredentials } from './kafka-access.ts';
import { describeKafkaSecurity } from './kafka-security.ts';
import { partitionCountsOf } from './partitioned-send.ts';
import { createIdempotentProducer, EventPublisher } from './producer.ts';
import { registryConnection, registryReachable } from './registry-connection.ts';
import { createRegistry, EventSerde } from './serde.ts';
import type { KafkaSettings, RegistrySettings } from './settings.ts';
import { topicNamesWithPrefix, type TopicNames } from './topic-names.ts';

/** What a service needs to publish and read events: one Kafka client, the registry serde, a producer. */
export interface Messaging {
  readonly topics: TopicNames;
  /** The topics this service writes (directly or through its outbox). */
  readonly writes: readonly TopicName[];
  readonly kafka: Kafka;
  /** The client of the service's consumer: it retries without limit (kafka.ts says why). */
  readonly consumerKafka: Kafka;
  readonly serde: EventSerde;
  /** An idempotent producer of dead letters (the publisher has a producer of its own). */
  readonly producer: Producer;
  readonly publisher: EventPublisher;
  /** One admin client, connected on first use, for readiness checks and metrics. */
  admin(): Promise<Admin>;
  /**
   * Readiness checks: the broker answers metadata; the schemas of the topics this service writes
   * are resolved in the registry (so an unregistered subject shows on /ready, not only as relay
   * errors in the log). Once they are (they are cached), the registry is not asked again: a warm
   * service works through a registry outage, and saying "not ready" then would take a working API
   * out of its load balancer.
   */
  readonly readiness: Readonly<Record<'kafka' | 'registry', ReadinessCheck>>;
  /** Disconnects the producers and the admin client. */
  close(): Promise<void>;
}

export type MessagingSettings = KafkaSettings & RegistrySettings;

/**
 * Kafka, the registry serde and an idempotent producer for a service. Nothing connects here: the
 * producer connects on first send, so a service can start (and the API accept applications)
 * while Kafka is down.
 */
export function createMessaging(
  clientId: string,
  settings: MessagingSettings,
  logger: Logger,
  writes: readonly TopicName[] = [],
  keyring?: Keyring,
): Messaging {
  const topics = topicNamesWithPrefix(settings.TOPIC_PREFIX);
  const kafka = createKafka(clientId, settings, logger);
  const consumerKafka = createConsumerKafka(clientId, settings, logger);
  const registry = registryConnection(settings);
  const serde = new EventSerde(createRegistry(registry), topics, new EventCipher(keyring));
  const producer = createIdempotentProducer(kafka);
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
  const publisher = new EventPublisher(
    () => createIdempotentProducer(kafka),
    serde,
    topics,
    partitionCountsOf(connectedAdmin),
  );
  return {
    topics,
    writes,
    kafka,
    consumerKafka,
    serde,
    producer,
    publisher,
    admin: connectedAdmin,
    readiness: {
      kafka: async () => {
        await (await connectedAdmin()).describeCluster();
      },
      registry: async () => {
        if (writes.length > 0 && serde.hasWriterIds(writes)) return;
        await registryReachable(registry);
        // Looked up once per topic and cached, so a ready service costs no registry call here.
        await serde.resolveWriterIds(writes);
      },
    },
    close: async () => {
      await publisher.close();
      await producer.disconnect();
      if (admin) await (await admin.catch(() => undefined))?.disconnect();
    },
  };
}

/**
 * The service's Kafka clients and serde, for the topics it writes; /ready checks both. With a
 * keyring its serde opens the personal data of what it reads (a service that needs it in clear).
 */
export function messagingPart(
  settings: MessagingSettings,
  writes: readonly TopicName[],
  { keyring }: { keyring?: Keyring } = {},
): Part<Messaging> {
  return {
    name: 'kafka clients',
    start: async ({ name, logger }) => {
      const messaging = createMessaging(name, settings, logger, writes, keyring);
      logger.info(
        { kafka: describeKafkaSecurity(settings), brokers: settings.KAFKA_BROKERS },
        'kafka connection',
      );
      await verifyKafkaCredentials(createKafka(name, settings, logger, { quiet: true }), logger);
      return messaging;
    },
    stop: (messaging) => messaging.close(),
    readiness: (messaging) => messaging.readiness,
  };
}
