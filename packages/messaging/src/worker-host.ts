import Koa from 'koa';
import type { Kafka } from 'kafkajs';
import type { Registry } from 'prom-client';
import type { TopicName } from '@prequal/events';
import {
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
import { createConsumerMetrics, registerLagGauge } from './consumer-metrics.ts';
import { createMessaging } from './messaging-setup.ts';
import type { OutboxRelaySettings } from './outbox-relay-factory.ts';
import type { OutboxRelay } from './outbox-relay.ts';
import { createRetentionJob } from './retention.ts';
import type { EventPublisher } from './producer.ts';
import type { EventSerde } from './serde.ts';
import type { TopicNames } from './topic-names.ts';
import { ensureEventTopics } from './topics-admin.ts';

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
  /**
   * The topics the worker writes, whose schemas /ready checks; by default its outbox's topics, so
   * only a worker that publishes directly names them.
   */
  readonly writes?: readonly TopicName[];
  readonly handler: (deps: WorkerDeps) => EventHandler<T, C>;
  readonly createContext: () => C;
  readonly readiness?: Record<string, ReadinessCheck>;
  /** Publish this worker's outbox with a relay of its own (its topics, EntityManager and tuning). */
  readonly outbox?: OutboxRelaySettings;
  /**
   * Delete old rows periodically (see RetentionJob): the published rows of the outbox above, and
   * with `processedEvents` this consumer group's processed-event records.
   */
  readonly retention?: { readonly hours: number; readonly processedEvents?: boolean };
  /** Run last (e.g. close the database pool). */
  readonly afterDisconnect?: readonly ShutdownStep[];
  readonly logger?: Logger;
}

export interface RunningWorker extends WorkerDeps {
  readonly port: number;
  /** Stops fetching, drains the batch in hand, commits, then closes everything, in order. */
  readonly shutdownSteps: readonly ShutdownStep[];
  stop(): Promise<void>;
}

/**
 * The composition every worker shares: its topics, the registry serde and an idempotent producer,
 * the consumer runtime on its topic, an outbox relay when it has one, and /health, /ready and
 * /metrics on its own port.
 */
export async function startWorker<T extends TopicName, C>(
  options: WorkerHostOptions<T, C>,
): Promise<RunningWorker> {
  const { name, config } = options;
  const logger = options.logger ?? createLogger({ name, level: config.LOG_LEVEL });
  const metrics = createMetricsRegistry(name);
  const messaging = createMessaging(name, config, logger, {
    writes: options.writes ?? options.outbox?.topics ?? [],
  });
  const { kafka, serde, publisher, topics } = messaging;

  await ensureEventTopics(kafka, topics, config.TOPIC_PARTITIONS);
  await messaging.producer.connect();
  const relay = options.outbox && messaging.outboxRelay(options.outbox, { logger, metrics });
  const deps: WorkerDeps = { logger, metrics, kafka, serde, publisher, topics, relay };

  const runtime = new ConsumerRuntime({
    kafka,
    serde,
    topics,
    topic: options.topic,
    groupId: config.CONSUMER_GROUP,
    handler: options.handler(deps),
    createContext: options.createContext,
    deadLetterProducer: messaging.producer,
    logger,
    metrics: createConsumerMetrics(metrics),
    maxAttempts: config.MAX_ATTEMPTS,
    backoff: { initialDelayMs: config.RETRY_INITIAL_MS, maxDelayMs: config.RETRY_MAX_MS },
    partitionsConsumedConcurrently: config.PARTITIONS_CONSUMED_CONCURRENTLY,
  });
  registerLagGauge(metrics, () => messaging.admin(), config.CONSUMER_GROUP, topics[options.topic]);
  let stopping = false;
  const server = await startOpsServer(config.PORT, metrics, () => stopping, {
    ...messaging.readiness,
    ...options.readiness,
  });
  const { retention: keep, outbox } = options;
  if (keep && !outbox) throw new Error('retention needs the worker to have an outbox (its database)');
  const retention =
    keep &&
    outbox &&
    createRetentionJob({
      em: outbox.em,
      outboxTopics: outbox.topics,
      processedEventsGroup: keep.processedEvents ? config.CONSUMER_GROUP : undefined,
      retentionHours: keep.hours,
      logger,
      metrics,
    });
  relay?.start();
  retention?.start();
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
    ...(retention ? [{ name: 'retention', run: () => retention.stop() }] : []),
    { name: 'kafka clients', run: () => messaging.close() },
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
