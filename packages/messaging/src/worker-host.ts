import Koa from 'koa';
import type { Kafka } from 'kafkajs';
import type { Registry } from 'prom-client';
import type { TopicName } from '@prequal/events';
import {
  brokerList,
  createLogger,
  createMetricsRegistry,
  listen,
  opsRouter,
  type Logger,
  type ReadinessCheck,
  type RunningServer,
  type ShutdownStep,
  type WorkerConfig,
} from '@prequal/service-kit';
import { ConsumerRuntime, type EventHandler } from './consumer.ts';
import { createConsumerMetrics } from './consumer-metrics.ts';
import { createKafka } from './kafka.ts';
import { createIdempotentProducer, EventPublisher } from './producer.ts';
import { createRegistry, EventSerde, registryReachable } from './serde.ts';
import { topicNamesWithPrefix, type TopicNames } from './topic-names.ts';
import { ensureEventTopics } from './topics-admin.ts';
import { createOutboxRelay, type OutboxRelaySettings } from './outbox-relay-factory.ts';
import type { OutboxRelay } from './outbox-relay.ts';

export interface WorkerHostConfig extends WorkerConfig {
  PORT: number;
  CONSUMER_GROUP: string;
}

/** What a worker's handler is built from. */
export interface WorkerDeps {
  readonly logger: Logger;
  readonly metrics: Registry;
  readonly kafka: Kafka;
  readonly serde: EventSerde;
  readonly publisher: EventPublisher;
  readonly topics: TopicNames;
  /** The outbox relay, when the worker writes events through the outbox. */
  readonly relay: OutboxRelay | undefined;
}

export interface WorkerHostOptions<T extends TopicName, C> {
  readonly name: string;
  readonly config: WorkerHostConfig;
  readonly topic: T;
  readonly handler: (deps: WorkerDeps) => EventHandler<T, C>;
  readonly createContext: () => C;
  readonly readiness?: Record<string, ReadinessCheck>;
  /** Publish this worker's outbox with a relay of its own (EntityManager factory and tuning). */
  readonly outbox?: OutboxRelaySettings;
  /** Run after the consumer has drained and before the producer disconnects (e.g. stop a relay). */
  readonly beforeDisconnect?: readonly ShutdownStep[];
  /** Run last (e.g. close the database pool). */
  readonly afterDisconnect?: readonly ShutdownStep[];
  readonly logger?: Logger;
}

export interface RunningWorker extends WorkerDeps {
  readonly port: number;
  /** Stops fetching, drains the message in hand, commits, then closes everything, in order. */
  readonly shutdownSteps: readonly ShutdownStep[];
  stop(): Promise<void>;
}

/**
 * The composition every worker shares: topics, registry serde, idempotent producer, the consumer
 * runtime on its topic, and /health, /ready, /metrics on its own port.
 */
export async function startWorker<T extends TopicName, C>(
  options: WorkerHostOptions<T, C>,
): Promise<RunningWorker> {
  const { name, config } = options;
  const logger = options.logger ?? createLogger({ name, level: config.LOG_LEVEL });
  const metrics = createMetricsRegistry(name);
  const topics = topicNamesWithPrefix(config.TOPIC_PREFIX);
  const kafka = createKafka({ clientId: name, brokers: brokerList(config), logger });
  const serde = new EventSerde(createRegistry(config.SCHEMA_REGISTRY_URL), topics);

  await ensureEventTopics(kafka, topics, config.TOPIC_PARTITIONS);
  const producer = createIdempotentProducer(kafka);
  await producer.connect();
  const publisher = new EventPublisher(producer, serde, topics);
  const relay = options.outbox && createOutboxRelay(options.outbox, { logger, metrics, serde, publisher });
  const deps: WorkerDeps = { logger, metrics, kafka, serde, publisher, topics, relay };

  const runtime = new ConsumerRuntime({
    kafka,
    serde,
    topics,
    topic: options.topic,
    groupId: config.CONSUMER_GROUP,
    handler: options.handler(deps),
    createContext: options.createContext,
    deadLetterProducer: producer,
    logger,
    metrics: createConsumerMetrics(metrics),
    maxAttempts: config.MAX_ATTEMPTS,
    backoff: { initialDelayMs: config.RETRY_INITIAL_MS, maxDelayMs: config.RETRY_MAX_MS },
    partitionsConsumedConcurrently: config.PARTITIONS_CONSUMED_CONCURRENTLY,
  });
  let stopping = false;
  const server = await startOpsServer(config.PORT, metrics, () => stopping, {
    kafka: () => brokerReachable(kafka),
    registry: () => registryReachable(config.SCHEMA_REGISTRY_URL),
    ...options.readiness,
  });
  relay?.start();
  await runtime.start();
  logger.info(
    { port: server.port, topic: topics[options.topic], group: config.CONSUMER_GROUP },
    `${name} started`,
  );

  const shutdownSteps: ShutdownStep[] = [
    {
      name: 'consumer',
      run: async () => {
        stopping = true;
        await runtime.stop();
      },
    },
    ...(relay ? [{ name: 'outbox relay', run: () => relay.stop() }] : []),
    ...(options.beforeDisconnect ?? []),
    { name: 'producer', run: () => producer.disconnect() },
    { name: 'ops server', run: () => server.close() },
    ...(options.afterDisconnect ?? []),
  ];
  return {
    ...deps,
    port: server.port,
    shutdownSteps,
    stop: async () => {
      for (const step of shutdownSteps) await step.run();
    },
  };
}

/** Whether the broker answers a metadata request. */
export async function brokerReachable(kafka: Kafka): Promise<void> {
  const admin = kafka.admin({ retry: { retries: 0 } });
  await admin.connect();
  try {
    await admin.describeCluster();
  } finally {
    await admin.disconnect();
  }
}

async function startOpsServer(
  port: number,
  metrics: Registry,
  isShuttingDown: () => boolean,
  readiness: Record<string, ReadinessCheck>,
): Promise<RunningServer> {
  const app = new Koa();
  const router = opsRouter({ metrics, readiness, isShuttingDown });
  app.use(router.routes()).use(router.allowedMethods());
  return listen(app, port);
}
