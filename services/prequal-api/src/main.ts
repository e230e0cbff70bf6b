import { createLogger, registerShutdown } from '@prequal/service-kit';
import { loadPrequalApiConfig } from './config.ts';
import { startApi } from './server.ts';

const config = loadPrequalApiConfig();
const logger = createLogger({ name: 'prequal-api', level: config.LOG_LEVEL });
const api = await startApi(config, logger);
registerShutdown(logger, api.shutdownSteps, { timeoutMs: config.SHUTDOWN_TIMEOUT_MS });
