import { readFileSync } from 'node:fs';
import type { StackEndpoints } from '@prequal/testkit';
import { freePort, TEST_KEYS } from '@prequal/testkit';

export const SERVICES = ['prequal-api', 'credit-service', 'decision-service'] as const;
export type Service = (typeof SERVICES)[number];
/** Short, so a drain that hangs fails the test quickly (the services exit 1 when it runs out). */
export const SHUTDOWN_TIMEOUT_MS = 10_000;

/** Where a container finds the CA of the stack (mounted read-only; see CA_MOUNT). */
export const CONTAINER_CA_FILE = '/run/prequal-ca/ca.pem';

/**
 * The stack's client settings as a container (uid 1000) can use them: passwords inline instead of
 * files it may not read, CA files at the path the CA is mounted on.
 */
export function containerClientEnv(clientEnv: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(clientEnv).map(([name, value]): [string, string] => {
      if (name.endsWith('_PASSWORD_FILE'))
        return [name.replace(/_FILE$/, ''), readFileSync(value, 'utf8').trim()];
      if (name.endsWith('_CA_FILE')) return [name, CONTAINER_CA_FILE];
      return [name, value];
    }),
  );
}

/** The CA file of the stack's client settings, if any: mounted into the containers. */
export function stackCaFile(clientEnv: Readonly<Record<string, string>>): string | undefined {
  return Object.entries(clientEnv).find(([name]) => name.endsWith('_CA_FILE'))?.[1];
}

/** What every container of a run gets: the native stack (over the host network), its prefix and database. */
export function commonEnv(
  endpoints: StackEndpoints,
  prefix: string,
  databaseUrl: string,
): Record<string, string> {
  return {
    ...containerClientEnv(endpoints.clientEnv),
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
