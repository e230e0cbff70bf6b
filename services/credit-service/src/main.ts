import { startWorker } from '@prequal/messaging';
import { createLogger, registerShutdown } from '@prequal/service-kit';
import { loadCreditServiceConfig } from './config.ts';
import { onApplicationsSubmitted } from './on-application-submitted.ts';

const config = loadCreditServiceConfig();
const logger = createLogger({ name: 'credit-service', level: config.LOG_LEVEL });

const worker = await startWorker({
  name: 'credit-service',
  config,
  logger,
  topic: 'loan_applications_submitted',
  handler: ({ publisher }) => onApplicationsSubmitted(publisher),
  createContext: () => undefined,
});

registerShutdown(logger, worker.shutdownSteps, { timeoutMs: config.SHUTDOWN_TIMEOUT_MS });
