import { createOrm, databaseReady, migrate } from '@prequal/db';
import { startWorker } from '@prequal/messaging';
import { runService } from '@prequal/service-kit';
import { loadDecisionServiceConfig } from './config.ts';
import { onCreditReportsGenerated } from './on-credit-report-generated.ts';

await runService({
  name: 'decision-service',
  loadConfig: loadDecisionServiceConfig,
  start: async (config, logger) => {
    const orm = await createOrm({ databaseUrl: config.DATABASE_URL, poolSize: config.DATABASE_POOL_SIZE });
    if (config.RUN_MIGRATIONS) logger.info({ applied: await migrate(orm) }, 'migrations applied');

    const worker = await startWorker({
      name: 'decision-service',
      config,
      logger,
      topic: 'credit_reports_generated',
      createContext: () => orm.em.fork(),
      outbox: {
        em: () => orm.em.fork(),
        topics: ['loan_decisions_made'],
        batchSize: config.OUTBOX_BATCH_SIZE,
        pollIntervalMs: config.OUTBOX_POLL_INTERVAL_MS,
        wakeDelayMs: config.OUTBOX_WAKE_DELAY_MS,
      },
      handler: ({ relay }) =>
        onCreditReportsGenerated({
          consumerGroup: config.CONSUMER_GROUP,
          clock: () => new Date(),
          onDecided: () => relay?.wake(),
        }),
      readiness: { database: () => databaseReady(orm) },
      // Old published outbox rows, and old records of processed reports (no redelivery can come after
      // Kafka's retention), are deleted hourly.
      retention: { hours: config.RETENTION_HOURS, processedEvents: true },
      afterDisconnect: [{ name: 'database pool', run: () => orm.close() }],
    });
    return worker.shutdownSteps;
  },
});
