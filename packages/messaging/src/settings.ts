import Joi from 'joi';
import type { Settings, SettingsOf } from '@prequal/service-kit';

/** How a service reaches Kafka, and the topics it creates. */
export const kafkaSettings = {
  KAFKA_BROKERS: Joi.string()
    .pattern(/^[^,\s]+(,[^,\s]+)*$/)
    .default('127.0.0.1:9092')
    .description('comma-separated Kafka bootstrap servers'),
  KAFKA_SECURITY_PROTOCOL: Joi.string<'PLAINTEXT' | 'SSL' | 'SASL_PLAINTEXT' | 'SASL_SSL'>()
    .valid('PLAINTEXT', 'SSL', 'SASL_PLAINTEXT', 'SASL_SSL')
    .default('PLAINTEXT')
    .description(
      "how to talk to the brokers, Kafka's own names: SASL_SSL for a managed cluster or the native stack's secured listener",
    ),
  KAFKA_SASL_MECHANISM: Joi.string<'SCRAM-SHA-256' | 'SCRAM-SHA-512' | 'PLAIN'>()
    .valid('SCRAM-SHA-256', 'SCRAM-SHA-512', 'PLAIN')
    .default('SCRAM-SHA-512')
    .description('SASL mechanism with SASL_PLAINTEXT or SASL_SSL (PLAIN for Confluent Cloud API keys)'),
  KAFKA_SASL_USERNAME: Joi.string().allow('').default('').description('SASL user name (SASL_* protocols)'),
  KAFKA_SASL_PASSWORD: Joi.string()
    .allow('')
    .default('')
    .description('SASL password; or KAFKA_SASL_PASSWORD_FILE'),
  KAFKA_SASL_PASSWORD_FILE: Joi.string()
    .allow('')
    .default('')
    .description('a file holding the SASL password'),
  KAFKA_SSL_CA_FILE: Joi.string()
    .allow('')
    .default('')
    .description("PEM file of the CA that signed the brokers' certificates (default: the system's CAs)"),
  KAFKA_SSL_CERT_FILE: Joi.string()
    .allow('')
    .default('')
    .description('PEM client certificate for mutual TLS (with KAFKA_SSL_KEY_FILE)'),
  KAFKA_SSL_KEY_FILE: Joi.string()
    .allow('')
    .default('')
    .description('PEM private key of KAFKA_SSL_CERT_FILE'),
  TOPIC_PREFIX: Joi.string()
    .allow('')
    .pattern(/^[A-Za-z0-9._-]*$/)
    .default('')
    .description('prefix of every topic name (empty in production; tests use their own)'),
  TOPIC_PARTITIONS: Joi.number()
    .integer()
    .min(1)
    .max(256)
    .default(6)
    .description('partitions of the topics created at start-up (workers) or by make topics-create'),
  PII_TOPIC_RETENTION_HOURS: Joi.number()
    .integer()
    .min(1)
    .default(168)
    .description(
      'how long the topics whose events carry personal data (sealed), and their dead-letter topics, keep a message',
    ),
} satisfies Settings;

/** How a service reaches the schema registry. */
export const registrySettings = {
  SCHEMA_REGISTRY_URL: Joi.string()
    .uri({ scheme: ['http', 'https'] })
    .default('https://127.0.0.1:8081/apis/ccompat/v7')
    .description('base URL of the Confluent-API schema registry'),
  SCHEMA_REGISTRY_USERNAME: Joi.string()
    .allow('')
    .default('')
    .description('basic-auth user of the registry (Confluent Cloud: the API key)'),
  SCHEMA_REGISTRY_PASSWORD: Joi.string()
    .allow('')
    .default('')
    .description('basic-auth password of the registry; or SCHEMA_REGISTRY_PASSWORD_FILE'),
  SCHEMA_REGISTRY_PASSWORD_FILE: Joi.string()
    .allow('')
    .default('')
    .description('a file holding the registry password'),
  SCHEMA_REGISTRY_CA_FILE: Joi.string()
    .allow('')
    .default('')
    .description("PEM file of the CA that signed the registry's certificate (default: the system's CAs)"),
} satisfies Settings;

/** A service that writes events through the outbox: its relay and the retention of its tables. */
export const outboxSettings = {
  RELAY_ENABLED: Joi.boolean().default(true).description('publish the outbox from this instance'),
  OUTBOX_BATCH_SIZE: Joi.number()
    .integer()
    .min(1)
    .max(10_000)
    .default(500)
    .description('outbox rows published per round'),
  OUTBOX_POLL_INTERVAL_MS: Joi.number()
    .integer()
    .min(5)
    .default(5_000)
    .description(
      'how often the relay looks at the outbox without being woken (a safety net: commits wake it through PostgreSQL notifications)',
    ),
  OUTBOX_WAKE_DELAY_MS: Joi.number()
    .integer()
    .min(0)
    .max(1000)
    .default(20)
    .description(
      'while commits keep arriving, rounds are at least this far apart, so that more rows go out in one produce request (an idle relay publishes at once)',
    ),
  OUTBOX_BUSY_WAKE_DELAY_MS: Joi.number()
    .integer()
    .min(0)
    .max(5000)
    .default(100)
    .description(
      "instead of OUTBOX_WAKE_DELAY_MS while this process's event loop is more than 80% busy: fewer, larger rounds leave the CPU to the requests (or events) that keep it busy",
    ),
  RETENTION_HOURS: Joi.number()
    .integer()
    .min(1)
    .default(168)
    .description(
      "published outbox rows and processed-event records older than this are deleted (hourly); keep it at least Kafka's log retention",
    ),
} satisfies Settings;

/** A service that consumes a topic; `group` is the service's own default consumer group. */
export function consumerSettings(group: string) {
  return {
    CONSUMER_GROUP: Joi.string().default(group).description('Kafka consumer group of the instances'),
    MAX_ATTEMPTS: Joi.number()
      .integer()
      .min(1)
      .max(100)
      .default(5)
      .description('tries of a retriable failure before dead-lettering'),
    RETRY_INITIAL_MS: Joi.number()
      .integer()
      .min(1)
      .default(200)
      .description('first retry delay; doubles per attempt'),
    // 2 s: a worker back from an outage (the registry, PostgreSQL) tries again within 2 s of the
    // dependency's return; retriable failures (200, 400, 800, 1600 ms with MAX_ATTEMPTS 5) are not
    // capped by it (docs/decisions/0070-recovery-times.md).
    RETRY_MAX_MS: Joi.number()
      .integer()
      .min(1)
      .default(2_000)
      .description(
        'longest retry delay (how long, at most, a worker waits before trying a dependency that was down again)',
      ),
    PARTITIONS_CONSUMED_CONCURRENTLY: Joi.number()
      .integer()
      .min(1)
      .max(64)
      .default(3)
      .description('partitions this instance processes at once'),
  } satisfies Settings;
}

export type KafkaSettings = SettingsOf<typeof kafkaSettings>;
export type RegistrySettings = SettingsOf<typeof registrySettings>;
export type OutboxSettings = SettingsOf<typeof outboxSettings>;
export type ConsumerSettings = SettingsOf<ReturnType<typeof consumerSettings>>;
