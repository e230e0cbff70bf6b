import type { StackEndpoints } from '@prequal/testkit';
import { freePort } from '@prequal/testkit';

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
  };
}

/**
 * One service's environment and the port it answers on: the one place to change when the
 * services get an ops port (OPS_PORT for /health, /ready, /metrics) or the API wants a key.
 */
export async function serviceSettings(
  service: Service,
  prefix: string,
  common: Record<string, string>,
): Promise<{ env: Record<string, string>; port: number }> {
  // The health check reads PORT, so a real port, not 0; picked free, below the ephemeral range.
  const port = await freePort();
  const env = { ...common, SERVICE: service, PORT: String(port) };
  const own = service === 'prequal-api' ? { HOST: '127.0.0.1' } : { CONSUMER_GROUP: `${prefix}${service}` };
  return { env: { ...env, ...own }, port };
}

export function envArgs(env: Record<string, string>): string[] {
  return Object.entries(env).flatMap(([name, value]) => ['-e', `${name}=${value}`]);
}
