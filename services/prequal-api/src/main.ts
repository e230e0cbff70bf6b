import { runService } from '@prequal/service-kit';
import { loadPrequalApiConfig } from './config.ts';
import { startApi } from './server.ts';

await runService({
  name: 'prequal-api',
  loadConfig: loadPrequalApiConfig,
  start: async (config, logger) => (await startApi(config, logger)).shutdownSteps,
});
