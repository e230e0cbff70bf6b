import { topicNames, type TopicName } from '@prequal/events';

/**
 * The Kafka topic each logical topic of the topic table is written to. Production uses the names
 * as they are; a prefix gives tests (or tenants) topics of their own.
 */
export type TopicNames = Readonly<Record<TopicName, string>>;

export function topicNamesWithPrefix(prefix = ''): TopicNames {
  return Object.fromEntries(topicNames.map((topic) => [topic, `${prefix}${topic}`])) as unknown as TopicNames;
}
