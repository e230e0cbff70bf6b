import { COMPATIBILITY, SchemaType, type SchemaRegistry } from '@kafkajs/confluent-schema-registry';
import { schemaOf, SUBJECT_COMPATIBILITY, topicNames, valueSubject, type TopicName } from '@prequal/events';
import type { TopicNames } from './topic-names.ts';

export interface RegisteredSubject {
  readonly topic: TopicName;
  readonly subject: string;
  readonly id: number;
}

/**
 * Registers the schema of each topic under `<kafka topic>-value` at the subjects' compatibility
 * level (FULL_TRANSITIVE). Idempotent: an already registered schema keeps its id. Tests use it;
 * operators use `make schemas-register` (schema-tools), which checks compatibility first and
 * explains a refusal.
 */
export async function registerEventSchemas(
  registry: SchemaRegistry,
  topics: TopicNames,
  which: readonly TopicName[] = topicNames,
): Promise<RegisteredSubject[]> {
  const registered: RegisteredSubject[] = [];
  for (const topic of which) {
    const subject = valueSubject(topics[topic]);
    const { id } = await registry.register(
      { type: SchemaType.AVRO, schema: JSON.stringify(schemaOf(topic)) },
      { subject, compatibility: COMPATIBILITY[SUBJECT_COMPATIBILITY] },
    );
    registered.push({ topic, subject, id });
  }
  return registered;
}
