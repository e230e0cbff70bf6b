import type { PipelineHarness } from './pipeline-harness.ts';
import { uniqueName } from './names.ts';
import { TEST_KEYS } from './personal-data-keys.ts';

/**
 * Environment for a worker under test: the stack's endpoints, this test's topic prefix, its own
 * consumer group and database, ephemeral ports (PORT=0, OPS_PORT=0), and quick retries.
 */
export function workerEnv(
  harness: PipelineHarness,
  databaseUrl: string,
  overrides: NodeJS.ProcessEnv = {},
): NodeJS.ProcessEnv {
  return {
    KAFKA_BROKERS: harness.endpoints.kafkaBrokers.join(','),
    SCHEMA_REGISTRY_URL: harness.endpoints.schemaRegistryUrl,
    DATABASE_URL: databaseUrl,
    ...harness.endpoints.clientEnv,
    TOPIC_PREFIX: harness.prefix,
    TOPIC_PARTITIONS: '3',
    CONSUMER_GROUP: uniqueName('group'),
    PORT: '0',
    OPS_PORT: '0',
    LOG_LEVEL: 'warn',
    RETRY_INITIAL_MS: '20',
    RETRY_MAX_MS: '200',
    MAX_ATTEMPTS: '3',
    ...TEST_KEYS.env,
    ...overrides,
  };
}
