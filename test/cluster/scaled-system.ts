import {
  createMigratedDatabase,
  createPipelineHarness,
  createTestClient,
  spawnService,
  workerEnv,
  type MigratedDatabase,
  type PipelineHarness,
  type ServiceProcess,
} from '@prequal/testkit';
import type { Api } from '../e2e/system-under-test.ts';

export type ServiceName = 'prequal-api' | 'credit-service' | 'decision-service';

/** Settings of one instance beyond the shared ones (say, RELAY_ENABLED=false). */
export type InstanceSettings = Readonly<Record<string, string>>;

export interface ScaledSystem {
  readonly harness: PipelineHarness;
  readonly database: MigratedDatabase;
  /** The consumer group of each worker (all its instances share it). */
  readonly groups: Readonly<Record<'credit-service' | 'decision-service', string>>;
  /** Every instance of a service, in start order. */
  readonly instances: Readonly<Record<ServiceName, readonly ServiceProcess[]>>;
  /** Each prequal-api instance as a client with every scope sees it, in the order of `instances`. */
  readonly apis: readonly Api[];
  stop(): Promise<void>;
}

export interface ScaledSystemOptions {
  /** A disposable Kafka's brokers (default: the stack's Kafka). */
  readonly brokers?: readonly string[];
  /** Per service, the settings of each of its instances: one entry, one instance. */
  readonly instances: Readonly<Record<ServiceName, readonly InstanceSettings[]>>;
}

/**
 * The three services as real processes (as `make run-native` starts them), as many instances of
 * each as asked, on topics (six partitions), consumer groups and a database of this test's own.
 */
export async function startScaledSystem({ brokers, instances }: ScaledSystemOptions): Promise<ScaledSystem> {
  const harness = await createPipelineHarness(6, brokers ? { brokers } : {});
  const database = await createMigratedDatabase(harness.endpoints.databaseUrl);
  const groups = {
    'credit-service': `${harness.prefix}credit`,
    'decision-service': `${harness.prefix}decision`,
  };
  const env: NodeJS.ProcessEnv = {
    ...workerEnv(harness, database.url),
    TOPIC_PARTITIONS: '6',
    LOG_LEVEL: 'info',
    HOST: '127.0.0.1',
    // One client sends the whole load: its rate limit is not what these tests are about.
    RATE_LIMIT_REQUESTS: '1000000',
  };
  // decision-service needs no personal data in clear, so it gets no keys.
  const { PII_KEYRING: _keyring, PII_BLIND_INDEX_KEY: _blindIndexKey, ...withoutKeys } = env;
  const envOf: Record<ServiceName, NodeJS.ProcessEnv> = {
    'prequal-api': env,
    'credit-service': { ...env, CONSUMER_GROUP: groups['credit-service'] },
    'decision-service': { ...withoutKeys, CONSUMER_GROUP: groups['decision-service'] },
  };
  const started: ServiceProcess[] = [];
  const startAll = (service: ServiceName) =>
    Promise.all(
      instances[service].map(async (settings) => {
        const instance = await spawnService(service, { ...envOf[service], ...settings });
        started.push(instance);
        return instance;
      }),
    );
  const stop = async () => {
    await Promise.all(started.map((instance) => instance.stop()));
    await database.drop();
    await harness.dispose();
  };
  try {
    const [api, credit, decision] = await Promise.all([
      startAll('prequal-api'),
      startAll('credit-service'),
      startAll('decision-service'),
    ]);
    const { headers } = await createTestClient(database);
    return {
      harness,
      database,
      groups,
      instances: { 'prequal-api': api, 'credit-service': credit, 'decision-service': decision },
      apis: api.map((instance) => ({ url: `http://127.0.0.1:${instance.port}`, headers })),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
