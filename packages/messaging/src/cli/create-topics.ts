#!/usr/bin/env node
// `make topics-create`: creates the event topics and their dead-letter topics (idempotent).
import Joi from 'joi';
import { deadLetterTopicOf, topicNames } from '@prequal/events';
import { createLogger, loadConfig } from '@prequal/service-kit';
import { createKafka } from '../kafka.ts';
import { kafkaSettings, type KafkaSettings } from '../settings.ts';
import { topicNamesWithPrefix } from '../topic-names.ts';
import { applyTopicConfigs, ensureTopics, eventTopicSpecs } from '../topics-admin.ts';

const config = loadConfig(Joi.object<KafkaSettings>(kafkaSettings));
const topics = topicNamesWithPrefix(config.TOPIC_PREFIX);
const kafka = createKafka('create-topics', config, createLogger({ name: 'create-topics', level: 'warn' }));
const specs = eventTopicSpecs(topics, config.TOPIC_PARTITIONS, config.PII_TOPIC_RETENTION_HOURS);
const admin = kafka.admin();
await admin.connect();
try {
  await ensureTopics(admin, specs);
  await applyTopicConfigs(admin, specs);
} finally {
  await admin.disconnect();
}
for (const topic of topicNames) {
  const spec = specs[topics[topic]];
  const retention = spec?.config?.['retention.ms'];
  process.stdout.write(
    `${topics[topic]} (${config.TOPIC_PARTITIONS} partitions) and ${deadLetterTopicOf(topics[topic])}${retention ? `, personal data: kept ${Number(retention) / 3_600_000} h` : ''}\n`,
  );
}
