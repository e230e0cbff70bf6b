import type { Kafka } from 'kafkajs';
import type { SchemaRegistry } from '@kafkajs/confluent-schema-registry';
import { deadLetterTopicOf, topicNames, valueSubject } from '@prequal/events';
import {
  createRegistry,
  ensureEventTopics,
  EventSerde,
  plainRegistry,
  registryCall,
  registerEventSchemas,
  topicNamesWithPrefix,
  type MessagingSettings,
  type RegistryConnection,
  type TopicNames,
} from '@prequal/messaging';
import { stackRegistry, stackSettings } from './connections.ts';
import { EventCipher } from '@prequal/pii';
import { testKafka } from './kafka.ts';
import { TEST_KEYS } from './personal-data-keys.ts';
import { uniqueName } from './names.ts';
import { stack, type StackEndpoints } from './stack.ts';

export interface PipelineHarness {
  readonly endpoints: StackEndpoints;
  /** A prefix no other test uses; the topics below carry it. */
  readonly prefix: string;
  readonly topics: TopicNames;
  /** The settings of a service on this test's stack and topics. */
  readonly settings: MessagingSettings;
  readonly kafka: Kafka;
  readonly registry: SchemaRegistry;
  readonly serde: EventSerde;
  /** Deletes the topics, their dead-letter topics and the subjects; best effort. */
  dispose(): Promise<void>;
}

/**
 * Topics of this test's own (`<prefix>loan_applications_submitted`, ... and their .DLT), created
 * with several partitions, with the event schemas registered under their subjects.
 */
export async function createPipelineHarness(
  partitions = 3,
  /** Another stack than the run's (a disposable broker of the test's own, say). */
  endpoints?: StackEndpoints,
): Promise<PipelineHarness> {
  endpoints ??= await stack();
  const prefix = `${uniqueName('t')}.`;
  const topics = topicNamesWithPrefix(prefix);
  const kafka = testKafka(endpoints);
  const registry = createRegistry(stackRegistry(endpoints));
  await registerEventSchemas(registry, topics);
  await ensureEventTopics(kafka, topics, partitions);
  return {
    endpoints,
    prefix,
    topics,
    settings: stackSettings(endpoints, { TOPIC_PREFIX: prefix, TOPIC_PARTITIONS: String(partitions) }),
    kafka,
    registry,
    serde: new EventSerde(registry, topics, new EventCipher(TEST_KEYS.keyring)),
    dispose: () => disposeTopics(kafka, topics, stackRegistry(endpoints)),
  };
}

/**
 * Deletes the topics, dead-letter topics and subjects of `prefix` that something other than a
 * harness made (the init job run by a test, say); best effort.
 */
export async function disposeTopicsWithPrefix(endpoints: StackEndpoints, prefix: string): Promise<void> {
  await disposeTopics(testKafka(endpoints), topicNamesWithPrefix(prefix), stackRegistry(endpoints));
}

/*
 * Tests leave nothing behind on the shared stack: a broker that has collected thousands of test
 * topics takes minutes to start.
 */
async function disposeTopics(kafka: Kafka, topics: TopicNames, registry: RegistryConnection): Promise<void> {
  const names = topicNames.map((topic) => topics[topic]);
  const admin = kafka.admin();
  await admin.connect();
  try {
    await admin.deleteTopics({ topics: [...names, ...names.map(deadLetterTopicOf)] }).catch(() => undefined);
  } finally {
    await admin.disconnect();
  }
  await Promise.all(names.map((topic) => deleteSubject(registry, valueSubject(topic))));
}

/** Removes a subject (soft, then permanent delete); best effort. */
export async function deleteSubject(registry: RegistryConnection | string, subject: string): Promise<void> {
  const connection = typeof registry === 'string' ? plainRegistry(registry) : registry;
  const path = `/subjects/${encodeURIComponent(subject)}`;
  for (const call of [path, `${path}?permanent=true`]) {
    await registryCall(connection, 'DELETE', call, 5_000).catch(() => undefined);
  }
}
