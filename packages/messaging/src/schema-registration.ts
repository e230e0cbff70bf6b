import { COMPATIBILITY, SchemaType, type SchemaRegistry } from '@kafkajs/confluent-schema-registry';
import { schemaOf, topicNames, type TopicName } from '@prequal/events';
import { valueSubject, type TopicNames } from './topic-names.ts';

export interface RegisteredSubject {
  readonly topic: TopicName;
  readonly subject: string;
  readonly id: number;
}

/**
 * Registers the schema of each topic under `<kafka topic>-value` with FULL_TRANSITIVE
 * compatibility. Idempotent: an already registered schema keeps its id.
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
      { subject, compatibility: COMPATIBILITY.FULL_TRANSITIVE },
    );
    registered.push({ topic, subject, id });
  }
  return registered;
}
