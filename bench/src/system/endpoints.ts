import pg from 'pg';
import { pgConnectionOf } from '@prequal/db';
import { registryReachable } from '@prequal/messaging';
import { endpointsFromEnv, stackRegistry, testKafka, type StackEndpoints } from '@prequal/testkit';

/**
 * The stack of `make stack-up` (scripts/bench.sh reads its .stack/stack.env), unless
 * KAFKA_BROKERS, SCHEMA_REGISTRY_URL and DATABASE_URL say otherwise.
 */
export function benchEndpoints(env: NodeJS.ProcessEnv = process.env): StackEndpoints {
  const endpoints = endpointsFromEnv({
    KAFKA_BROKERS: '127.0.0.1:9092',
    SCHEMA_REGISTRY_URL: 'https://127.0.0.1:8081/apis/ccompat/v7',
    DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/prequal',
    ...env,
  });
  if (!endpoints) throw new Error('unreachable: every endpoint has a default');
  return endpoints;
}

async function checkPostgres(databaseUrl: string): Promise<void> {
  const { url, ssl } = pgConnectionOf(databaseUrl);
  const client = new pg.Client({ connectionString: url, ssl, connectionTimeoutMillis: 3_000 });
  try {
    await client.connect();
    await client.query('select 1');
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function checkKafka(endpoints: StackEndpoints): Promise<void> {
  const admin = testKafka(endpoints).admin({ retry: { retries: 0 } });
  try {
    await admin.connect();
    await admin.describeCluster();
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

/** Fails with one clear message naming what is down, when any of the three does not answer. */
export async function assertStackUp(endpoints: StackEndpoints): Promise<void> {
  const checks = {
    [`PostgreSQL (${new URL(endpoints.databaseUrl).host})`]: checkPostgres(endpoints.databaseUrl),
    [`Kafka (${endpoints.kafkaBrokers.join(',')})`]: checkKafka(endpoints),
    [`schema registry (${endpoints.schemaRegistryUrl})`]: registryReachable(stackRegistry(endpoints)),
  };
  const outcomes = await Promise.allSettled(Object.values(checks));
  const down = Object.keys(checks).flatMap((name, index) => {
    const outcome = outcomes[index];
    return outcome?.status === 'rejected' ? [`${name}: ${errorMessage(outcome.reason)}`] : [];
  });
  if (down.length > 0) {
    throw new StackDownError(
      `the stack is not reachable:\n  ${down.join('\n  ')}\nStart it with \`make stack-up\` (or set KAFKA_BROKERS, SCHEMA_REGISTRY_URL and DATABASE_URL).`,
    );
  }
}

export class StackDownError extends Error {
  override readonly name = 'StackDownError';
}

function errorMessage(error: unknown): string {
  if (error instanceof AggregateError) return error.errors.map(errorMessage).join('; ');
  return error instanceof Error ? error.message || error.name : String(error);
}
