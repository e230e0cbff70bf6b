#!/usr/bin/env node
// `make topics-create`: creates the event topics and their dead-letter topics (idempotent).
import Joi from 'joi';
import { deadLetterTopicOf, topicNames } from '@prequal/events';
import { createLogger, loadConfig } from '@prequal/service-kit';
import { createKafka } from '../kafka.ts';
import { kafkaSettings, type KafkaSettings } from '../settings.ts';
import { topicNamesWithPrefix } from '../topic-names.ts';
import { ensureEventTopics } from '../topics-admin.ts';

const config = loadConfig(Joi.object<KafkaSettings>(kafkaSettings));
const topics = topicNamesWithPrefix(config.TOPIC_PREFIX);
const kafka = createKafka('create-topics', config, createLogger({ name: 'create-topics', level: 'warn' }));
await ensureEventTopics(kafka, topics, config.TOPIC_PARTITIONS);
for (const topic of topicNames) {
  process.stdout.write(
    `${topics[topic]} (${config.TOPIC_PARTITIONS} partitions) and ${deadLetterTopicOf(topics[topic])}\n`,
  );
}
