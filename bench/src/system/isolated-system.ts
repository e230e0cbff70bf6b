import type { Admin } from 'kafkajs';
import {
  createMigratedDatabase,
  createPipelineHarness,
  createTestClient,
  TEST_KEYS,
  freePort,
  type MigratedDatabase,
  type PipelineHarness,
} from '@prequal/testkit';
import { onCleanup } from '../cleanup.ts';
import { PROFILE_DIR, serviceMain } from '../paths.ts';
import { healthy, startProcess, type RunningProcess } from './child-process.ts';
import { groupStable } from './kafka-observer.ts';

export type ServiceName = 'prequal-api' | 'credit-service' | 'decision-service';

/** Variables of the services that a run may set in its environment to try a setting. */
export const SERVICE_KNOBS = [
  'DATABASE_POOL_SIZE',
  'OUTBOX_BATCH_SIZE',
  'OUTBOX_POLL_INTERVAL_MS',
  'OUTBOX_WAKE_DELAY_MS',
  'OUTBOX_BUSY_WAKE_DELAY_MS',
  'PARTITIONS_CONSUMED_CONCURRENTLY',
  'TOPIC_PARTITIONS',
  'MAX_ATTEMPTS',
  'RETRY_INITIAL_MS',
  'RETRY_MAX_MS',
  'LOG_LEVEL',
  'BODY_LIMIT_BYTES',
  'UV_THREADPOOL_SIZE',
] as const;

/** With BENCH_CPU_PROFILE=1 each service writes a V8 CPU profile when it exits. */
function profiling(service: ServiceName): NodeJS.ProcessEnv {
  if (process.env.BENCH_CPU_PROFILE !== '1') return {};
  const options = `--cpu-prof --cpu-prof-dir=${PROFILE_DIR}/${service}`;
  return { NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} ${options}`.trim() };
}

export function serviceSettings(env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  return Object.fromEntries(
    SERVICE_KNOBS.flatMap((key) => (env[key] === undefined ? [] : [[key, env[key]]])),
  );
}

export interface ServiceProcess extends RunningProcess {
  /** The API's port (for a worker, its ops port). */
  readonly port: number;
  readonly url: string;
  /** /health, /ready and /metrics. */
  readonly opsUrl: string;
}

/**
 * Everything one scenario runs on, of its own: topics under a fresh prefix (schemas registered),
 * a freshly migrated database, consumer groups; and the services started on it as processes.
 */
export interface IsolatedSystem {
  readonly harness: PipelineHarness;
  readonly database: MigratedDatabase;
  /** The credentials of the bench's own API client (every scope), for our API's requests. */
  readonly authHeaders: Readonly<Record<string, string>>;
  readonly admin: Admin;
  readonly groups: Readonly<Record<'credit-service' | 'decision-service', string>>;
  readonly partitions: number;
  /**
   * Starts a service and resolves once it is healthy (and, for a worker, its group stable).
   * `opsPort` fixes its ops port, so that a caller can watch /ready before `start` resolves.
   */
  start(
    service: ServiceName,
    extraEnv?: NodeJS.ProcessEnv,
    options?: { opsPort?: number },
  ): Promise<ServiceProcess>;
  close(): Promise<void>;
}

/** On the stack's Kafka, or on `brokers` (a disposable Kafka's) with the stack's registry and database. */
export async function createIsolatedSystem({
  brokers,
}: { brokers?: readonly string[] } = {}): Promise<IsolatedSystem> {
  const partitions = Number(process.env.TOPIC_PARTITIONS ?? 6);
  const harness = await createPipelineHarness(partitions, brokers ? { brokers } : {});
  const database = await createMigratedDatabase(harness.endpoints.databaseUrl, 4);
  const { headers: authHeaders } = await createTestClient(database, { name: 'bench' });
  const admin = harness.kafka.admin();
  await admin.connect();
  const groups = {
    'credit-service': `${harness.prefix}credit-service`,
    'decision-service': `${harness.prefix}decision-service`,
  };
  const processes: ServiceProcess[] = [];

  const start = async (
    service: ServiceName,
    extraEnv: NodeJS.ProcessEnv = {},
    options: { opsPort?: number } = {},
  ): Promise<ServiceProcess> => {
    const [port, opsPort] = [await freePort(), options.opsPort ?? (await freePort())];
    const consumerGroup = service === 'prequal-api' ? {} : { CONSUMER_GROUP: groups[service] };
    const running = await startProcess({
      name: `${harness.prefix}${service}`,
      script: serviceMain(service),
      env: {
        ...process.env,
        KAFKA_BROKERS: harness.endpoints.kafkaBrokers.join(','),
        SCHEMA_REGISTRY_URL: harness.endpoints.schemaRegistryUrl,
        DATABASE_URL: database.url,
        TOPIC_PREFIX: harness.prefix,
        TOPIC_PARTITIONS: String(partitions),
        PORT: String(port),
        OPS_PORT: String(opsPort),
        HOST: '127.0.0.1',
        PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
        // The load comes from one client: its rate limit is not what is measured (its check is).
        RATE_LIMIT_REQUESTS: '1000000000',
        ...TEST_KEYS.env,
        LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
        ...profiling(service),
        ...consumerGroup,
        ...extraEnv,
      },
      ready: async () =>
        (await healthy(opsPort)) &&
        (service === 'prequal-api' || (await groupStable(admin, groups[service]))),
    });
    const apiPort = service === 'prequal-api' ? port : opsPort;
    const started = {
      ...running,
      port: apiPort,
      url: `http://127.0.0.1:${apiPort}`,
      opsUrl: `http://127.0.0.1:${opsPort}`,
    };
    processes.push(started);
    return started;
  };

  const close = async (): Promise<void> => {
    await Promise.all(processes.map((running) => running.stop()));
    await admin.disconnect();
    await harness.dispose();
    await database.drop();
  };
  const unregister = onCleanup(`system ${harness.prefix}`, close);
  return { harness, database, authHeaders, admin, groups, partitions, start, close: unregister };
}
