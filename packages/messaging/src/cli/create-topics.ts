#!/usr/bin/env node
// `make topics-create`: creates the event topics and their dead-letter topics (idempotent).
import Joi from 'joi';
import { deadLetterTopicOf, topicNames } from '@prequal/events';
import { brokerList, createLogger, loadConfig, workerConfig } from '@prequal/service-kit';
import { createKafka } from '../kafka.ts';
import { topicNamesWithPrefix } from '../topic-names.ts';
import { ensureEventTopics } from '../topics-admin.ts';

const config = loadConfig(
  Joi.object<{ KAFKA_BROKERS: string; TOPIC_PREFIX: string; TOPIC_PARTITIONS: number }>({
    KAFKA_BROKERS: workerConfig.KAFKA_BROKERS,
    TOPIC_PREFIX: workerConfig.TOPIC_PREFIX,
    TOPIC_PARTITIONS: workerConfig.TOPIC_PARTITIONS,
  }),
);
const topics = topicNamesWithPrefix(config.TOPIC_PREFIX);
const kafka = createKafka({
  clientId: 'create-topics',
  brokers: brokerList(config),
  logger: createLogger({ name: 'create-topics', level: 'warn' }),
});
await ensureEventTopics(kafka, topics, config.TOPIC_PARTITIONS);
for (const topic of topicNames) {
  process.stdout.write(
    `${topics[topic]} (${config.TOPIC_PARTITIONS} partitions) and ${deadLetterTopicOf(topics[topic])}\n`,
  );
}
