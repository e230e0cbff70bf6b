import { startWorker } from '@prequal/messaging';
import { runService } from '@prequal/service-kit';
import { loadCreditServiceConfig } from './config.ts';
import { onApplicationsSubmitted } from './on-application-submitted.ts';

await runService({
  name: 'credit-service',
  loadConfig: loadCreditServiceConfig,
  start: async (config, logger) => {
    const worker = await startWorker({
      name: 'credit-service',
      config,
      logger,
      topic: 'loan_applications_submitted',
      writes: ['credit_reports_generated'],
      handler: ({ publisher }) => onApplicationsSubmitted(publisher),
      createContext: () => undefined,
    });
    return worker.shutdownSteps;
  },
});
