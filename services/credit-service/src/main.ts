import { runService } from '@prequal/service-kit';
import { loadCreditServiceConfig } from './config.ts';
import { startCreditService } from './service.ts';

await runService({ name: 'credit-service', loadConfig: loadCreditServiceConfig, start: startCreditService });
