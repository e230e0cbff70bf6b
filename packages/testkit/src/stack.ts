import { fileURLToPath } from 'node:url';

/** Where the real Kafka, Schema Registry and PostgreSQL of a test run are. */
export interface StackEndpoints {
  readonly kafkaBrokers: readonly string[];
  readonly schemaRegistryUrl: string;
  readonly databaseUrl: string;
  /**
   * How clients authenticate and what they trust, as the services read it (KAFKA_SECURITY_PROTOCOL,
   * SCHEMA_REGISTRY_USERNAME, DATABASE_SSL_CA_FILE...): what the environment sets of CLIENT_SETTINGS.
   */
  readonly clientEnv: Readonly<Record<string, string>>;
}

/** The settings of connection security that tests pass on to every client and service they start. */
export const CLIENT_SETTINGS = [
  'KAFKA_SECURITY_PROTOCOL',
  'KAFKA_SASL_MECHANISM',
  'KAFKA_SASL_USERNAME',
  'KAFKA_SASL_PASSWORD',
  'KAFKA_SASL_PASSWORD_FILE',
  'KAFKA_SSL_CA_FILE',
  'KAFKA_SSL_CERT_FILE',
  'KAFKA_SSL_KEY_FILE',
  'SCHEMA_REGISTRY_USERNAME',
  'SCHEMA_REGISTRY_PASSWORD',
  'SCHEMA_REGISTRY_PASSWORD_FILE',
  'SCHEMA_REGISTRY_CA_FILE',
  'DATABASE_PASSWORD_FILE',
  'DATABASE_SSL_CA_FILE',
] as const;

export const NO_STACK_MESSAGE =
  'No Kafka, Schema Registry and PostgreSQL for integration tests: run `make stack-up` ' +
  '(or set KAFKA_BROKERS, SCHEMA_REGISTRY_URL and DATABASE_URL, or start a Docker engine for testcontainers).';

/** Endpoints from the environment, when all three are set. */
export function endpointsFromEnv(env: NodeJS.ProcessEnv = process.env): StackEndpoints | undefined {
  const { KAFKA_BROKERS, SCHEMA_REGISTRY_URL, DATABASE_URL } = env;
  if (!KAFKA_BROKERS || !SCHEMA_REGISTRY_URL || !DATABASE_URL) return undefined;
  return {
    kafkaBrokers: KAFKA_BROKERS.split(',').map((broker) => broker.trim()),
    schemaRegistryUrl: SCHEMA_REGISTRY_URL,
    databaseUrl: DATABASE_URL,
    clientEnv: Object.fromEntries(
      CLIENT_SETTINGS.flatMap((name) => (env[name] ? [[name, env[name]] as const] : [])),
    ),
  };
}

/**
 * The stack's registry and PostgreSQL with other Kafka brokers (a disposable Kafka's): plain, so
 * the clients' Kafka security settings are left out.
 */
export function withPlainBrokers(endpoints: StackEndpoints, brokers: readonly string[]): StackEndpoints {
  return {
    ...endpoints,
    kafkaBrokers: [...brokers],
    clientEnv: Object.fromEntries(
      Object.entries(endpoints.clientEnv).filter(([name]) => !name.startsWith('KAFKA_')),
    ),
  };
}

async function dockerAnswers(): Promise<boolean> {
  try {
    const { getContainerRuntimeClient } = await import('testcontainers');
    await getContainerRuntimeClient();
    return true;
  } catch {
    return false;
  }
}

let resolved: Promise<StackEndpoints> | undefined;

/**
 * The stack for this test run: the endpoints in the environment; else containers started once
 * per run by a shared worker (when a Docker engine answers); else a clear error.
 */
export function stack(): Promise<StackEndpoints> {
  resolved ??= resolveStack();
  return resolved;
}

async function resolveStack(): Promise<StackEndpoints> {
  const fromEnv = endpointsFromEnv();
  if (fromEnv) return fromEnv;
  if (!(await dockerAnswers())) throw new Error(NO_STACK_MESSAGE);
  // Loaded only here: ava/plugin works inside ava's test workers only.
  const { registerSharedWorker } = await import('ava/plugin');
  const worker = registerSharedWorker({
    filename: new URL('./containers-worker.ts', import.meta.url),
    supportedProtocols: ['ava-4'],
  });
  await worker.available;
  const request = worker.publish({ kind: 'endpoints', file: fileURLToPath(import.meta.url) });
  for await (const reply of request.replies()) {
    const answer = reply.data as StackEndpoints | { error: string };
    if ('error' in answer) throw new Error(`testcontainers could not start the stack: ${answer.error}`);
    return answer;
  }
  throw new Error('the testcontainers worker closed without an answer');
}
