import type { Kafka } from 'kafkajs';
import type { SchemaRegistry } from '@kafkajs/confluent-schema-registry';
import {
  createRegistry,
  ensureEventTopics,
  EventSerde,
  registerEventSchemas,
  topicNamesWithPrefix,
  type TopicNames,
} from '@prequal/messaging';
import { testKafka } from './kafka.ts';
import { uniqueName } from './names.ts';
import { stack, type StackEndpoints } from './stack.ts';

export interface PipelineHarness {
  readonly endpoints: StackEndpoints;
  /** A prefix no other test uses; the topics below carry it. */
  readonly prefix: string;
  readonly topics: TopicNames;
  readonly kafka: Kafka;
  readonly registry: SchemaRegistry;
  readonly serde: EventSerde;
}

/**
 * Topics of this test's own (`<prefix>loan_applications_submitted`, ... and their .DLT), created
 * with several partitions, with the event schemas registered under their subjects.
 */
export async function createPipelineHarness(partitions = 3): Promise<PipelineHarness> {
  const endpoints = await stack();
  const prefix = `${uniqueName('t')}.`;
  const topics = topicNamesWithPrefix(prefix);
  const kafka = testKafka(endpoints.kafkaBrokers);
  const registry = createRegistry(endpoints.schemaRegistryUrl);
  await registerEventSchemas(registry, topics);
  await ensureEventTopics(kafka, topics, partitions);
  return { endpoints, prefix, topics, kafka, registry, serde: new EventSerde(registry, topics) };
}
