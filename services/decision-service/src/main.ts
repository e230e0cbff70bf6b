import { runService } from '@prequal/service-kit';
import { loadDecisionServiceConfig } from './config.ts';
import { startDecisionService } from './service.ts';

await runService({
  name: 'decision-service',
  loadConfig: loadDecisionServiceConfig,
  start: startDecisionService,
});
