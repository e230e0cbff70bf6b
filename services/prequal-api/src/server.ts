import { randomUUID } from 'node:crypto';
import { createOrm, databaseReady, migrate, type Orm } from '@prequal/db';
import { createMessaging, createRetentionJob, type OutboxRelay } from '@prequal/messaging';
import { createMetricsRegistry, listen, type Logger, type ShutdownStep } from '@prequal/service-kit';
import { createApp } from './app.ts';
import type { PrequalApiConfig } from './config.ts';

export interface RunningApi {
  readonly port: number;
  readonly orm: Orm;
  readonly relay: OutboxRelay;
  /**
   * In order: stop accepting and finish in-flight requests, stop the relay and the retention job,
   * close Kafka and the pool.
   */
  readonly shutdownSteps: readonly ShutdownStep[];
  stop(): Promise<void>;
}

/**
 * The API and its outbox relay. Starting needs only the database: the relay connects to Kafka and
 * the registry in the background, so applications are accepted while either is down.
 */
export async function startApi(config: Readonly<PrequalApiConfig>, logger: Logger): Promise<RunningApi> {
  const metrics = createMetricsRegistry('prequal-api');
  const orm = await createOrm({ databaseUrl: config.DATABASE_URL, poolSize: config.DATABASE_POOL_SIZE });
  if (config.RUN_MIGRATIONS) logger.info({ applied: await migrate(orm) }, 'migrations applied');

  const writes = ['loan_applications_submitted'] as const;
  const messaging = createMessaging('prequal-api', config, logger, { writes });
  const outbox = {
    em: () => orm.em.fork(),
    topics: writes,
    batchSize: config.OUTBOX_BATCH_SIZE,
    pollIntervalMs: config.OUTBOX_POLL_INTERVAL_MS,
    wakeDelayMs: config.OUTBOX_WAKE_DELAY_MS,
  };
  const relay = messaging.outboxRelay(outbox, { logger, metrics });
  if (config.RELAY_ENABLED) relay.start();
  const retention = createRetentionJob({
    em: outbox.em,
    outboxTopics: outbox.topics,
    retentionHours: config.RETENTION_HOURS,
    logger,
    metrics,
  });
  retention.start();

  let shuttingDown = false;
  const app = createApp({
    logger,
    metrics,
    em: () => orm.em.fork(),
    clock: () => new Date(),
    newId: randomUUID,
    bodyLimitBytes: config.BODY_LIMIT_BYTES,
    onSubmitted: () => {
      relay.wake();
    },
    publicBaseUrl: config.PUBLIC_BASE_URL,
    isShuttingDown: () => shuttingDown,
    readiness: { database: () => databaseReady(orm), ...messaging.readiness },
  });
  const server = await listen(app, config.PORT, config.HOST);
  logger.info({ port: server.port, docs: `${config.PUBLIC_BASE_URL}/docs` }, 'prequal-api started');

  const shutdownSteps: ShutdownStep[] = [
    {
      name: 'http server (finish in-flight requests)',
      run: () => {
        shuttingDown = true;
        return server.close();
      },
    },
    { name: 'outbox relay', run: () => relay.stop() },
    { name: 'retention', run: () => retention.stop() },
    { name: 'kafka clients', run: () => messaging.close() },
    { name: 'database pool', run: () => orm.close() },
  ];
  return {
    port: server.port,
    orm,
    relay,
    shutdownSteps,
    stop: async () => {
      for (const step of shutdownSteps) await step.run();
    },
  };
}
