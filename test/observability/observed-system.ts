import {
  createRegistry,
  ensureEventTopics,
  registerEventSchemas,
  topicNamesWithPrefix,
  type TopicNames,
} from '@prequal/messaging';
import {
  createDisposableKafka,
  createMigratedDatabase,
  createTcpProxy,
  createTestClient,
  spawnService,
  stack,
  stackRegistry,
  TEST_KEYS,
  testKafka,
  uniqueName,
  type DisposableKafka,
  type MigratedDatabase,
  type ServiceProcess,
  type TcpProxy,
} from '@prequal/testkit';
import type { Kafka } from 'kafkajs';
import type { Api } from '../e2e/system-under-test.ts';
import { startPrometheus, type NativePrometheus } from './native-prometheus.ts';

type ServiceName = 'prequal-api' | 'credit-service' | 'decision-service';

export interface ObservedSystem {
  /** prequal-api, as a client with every scope. */
  readonly api: Api;
  readonly topics: TopicNames;
  /** A client of the broker below. */
  readonly kafka: Kafka;
  /** The services' broker: this test's own, so that stopping it disturbs no other test. */
  readonly broker: DisposableKafka;
  /** decision-service reaches PostgreSQL through this, so a test can cut it off alone. */
  readonly decisionDatabase: TcpProxy;
  readonly prometheus: NativePrometheus;
  readonly services: Record<ServiceName, ServiceProcess>;
  stop(): Promise<void>;
}

/**
 * The three services as processes (as `make run-native` starts them) on a Kafka broker of their
 * own, the shared registry and a database of their own, and a native Prometheus with the
 * repository's configuration and rules scraping them through its targets files.
 */
export async function startObservedSystem(): Promise<ObservedSystem> {
  const endpoints = await stack();
  const broker = await createDisposableKafka();
  const prefix = `${uniqueName('t')}.`;
  const topics = topicNamesWithPrefix(prefix);
  const kafka = testKafka(broker.brokers);
  await registerEventSchemas(createRegistry(stackRegistry(endpoints)), topics);
  await ensureEventTopics(kafka, topics, 3);
  const database: MigratedDatabase = await createMigratedDatabase(endpoints.databaseUrl);
  const direct = new URL(database.url);
  const decisionDatabase = await createTcpProxy(direct.hostname, Number(direct.port || 5432));
  const proxied = new URL(database.url);
  proxied.port = String(decisionDatabase.port);

  const env: NodeJS.ProcessEnv = {
    KAFKA_BROKERS: broker.brokers.join(','),
    SCHEMA_REGISTRY_URL: endpoints.schemaRegistryUrl,
    DATABASE_URL: database.url,
    TOPIC_PREFIX: prefix,
    TOPIC_PARTITIONS: '3',
    PORT: '0',
    OPS_PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'info',
    RETRY_INITIAL_MS: '50',
    RETRY_MAX_MS: '500',
    MAX_ATTEMPTS: '3',
    OUTBOX_POLL_INTERVAL_MS: '20',
    ...TEST_KEYS.env,
  };
  const [api, credit, decision] = await Promise.all([
    spawnService('prequal-api', env),
    spawnService('credit-service', { ...env, CONSUMER_GROUP: `${prefix}credit` }),
    spawnService('decision-service', {
      ...env,
      CONSUMER_GROUP: `${prefix}decision`,
      DATABASE_URL: proxied.toString(),
    }),
  ]);
  const services = { 'prequal-api': api, 'credit-service': credit, 'decision-service': decision };
  const prometheus = await startPrometheus();
  for (const [job, service] of Object.entries(services)) {
    await prometheus.setTargets(job, [`127.0.0.1:${service.opsPort}`]);
  }
  const client = await createTestClient(database);
  return {
    api: { url: `http://127.0.0.1:${api.port}`, headers: client.headers },
    topics,
    kafka,
    broker,
    decisionDatabase,
    prometheus,
    services,
    stop: async () => {
      await prometheus.stop();
      await Promise.all([api.stop(), credit.stop(), decision.stop()]);
      await decisionDatabase.close();
      await database.drop();
      await broker.destroy();
    },
  };
}
