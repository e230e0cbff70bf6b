import { Kafka, logLevel } from 'kafkajs';
import pg from 'pg';
import type { StackEndpoints } from '@prequal/testkit';

/** The stack of `make stack-up`, unless KAFKA_BROKERS, SCHEMA_REGISTRY_URL and DATABASE_URL say otherwise. */
export function benchEndpoints(env: NodeJS.ProcessEnv = process.env): StackEndpoints {
  return {
    kafkaBrokers: (env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',').map((broker) => broker.trim()),
    schemaRegistryUrl: env.SCHEMA_REGISTRY_URL ?? 'http://127.0.0.1:8081/apis/ccompat/v7',
    databaseUrl: env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/prequal',
  };
}

async function checkPostgres(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3_000 });
  try {
    await client.connect();
    await client.query('select 1');
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function checkKafka(brokers: readonly string[]): Promise<void> {
  const kafka = new Kafka({
    brokers: [...brokers],
    clientId: 'bench-preflight',
    logLevel: logLevel.NOTHING,
    connectionTimeout: 3_000,
    retry: { retries: 0 },
  });
  const admin = kafka.admin({ retry: { retries: 0 } });
  try {
    await admin.connect();
    await admin.describeCluster();
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

async function checkRegistry(url: string): Promise<void> {
  const response = await fetch(`${url.replace(/\/$/, '')}/subjects`, { signal: AbortSignal.timeout(3_000) });
  if (!response.ok) throw new Error(`answered ${response.status}`);
}

/** Fails with one clear message naming what is down, when any of the three does not answer. */
export async function assertStackUp(endpoints: StackEndpoints): Promise<void> {
  const checks = {
    [`PostgreSQL (${new URL(endpoints.databaseUrl).host})`]: checkPostgres(endpoints.databaseUrl),
    [`Kafka (${endpoints.kafkaBrokers.join(',')})`]: checkKafka(endpoints.kafkaBrokers),
    [`schema registry (${endpoints.schemaRegistryUrl})`]: checkRegistry(endpoints.schemaRegistryUrl),
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
