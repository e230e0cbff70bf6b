import type { StackEndpoints } from '@prequal/testkit';
import { freePort, TEST_KEYS } from '@prequal/testkit';

export const SERVICES = ['prequal-api', 'credit-service', 'decision-service'] as const;
export type Service = (typeof SERVICES)[number];
/** Short, so a drain that hangs fails the test quickly (the services exit 1 when it runs out). */
export const SHUTDOWN_TIMEOUT_MS = 10_000;

/** What every container of a run gets: the native stack (over the host network), its prefix and database. */
export function commonEnv(
  endpoints: StackEndpoints,
  prefix: string,
  databaseUrl: string,
): Record<string, string> {
  return {
    KAFKA_BROKERS: endpoints.kafkaBrokers.join(','),
    SCHEMA_REGISTRY_URL: endpoints.schemaRegistryUrl,
    DATABASE_URL: databaseUrl,
    TOPIC_PREFIX: prefix,
    TOPIC_PARTITIONS: '3',
    SHUTDOWN_TIMEOUT_MS: String(SHUTDOWN_TIMEOUT_MS),
    LOG_LEVEL: 'info',
    ...TEST_KEYS.env,
  };
}

/**
 * One service's environment and its ports: the API's public port (for a worker, its ops port)
 * and the ops port of /health, /ready and /metrics.
 */
export async function serviceSettings(
  service: Service,
  prefix: string,
  common: Record<string, string>,
): Promise<{ env: Record<string, string>; port: number; opsPort: number }> {
  // The health check reads OPS_PORT, so real ports, not 0; picked free, below the ephemeral range.
  const opsPort = await freePort();
  const env = { ...common, SERVICE: service, OPS_PORT: String(opsPort), HOST: '127.0.0.1' };
  if (service !== 'prequal-api') {
    return { env: { ...env, CONSUMER_GROUP: `${prefix}${service}` }, port: opsPort, opsPort };
  }
  const port = await freePort();
  return { env: { ...env, PORT: String(port) }, port, opsPort };
}

export function envArgs(env: Record<string, string>): string[] {
  return Object.entries(env).flatMap(([name, value]) => ['-e', `${name}=${value}`]);
}
