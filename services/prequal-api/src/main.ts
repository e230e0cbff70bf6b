import { runService } from '@prequal/service-kit';
import { loadPrequalApiConfig } from './config.ts';
import { startPrequalApi } from './service.ts';

await runService({ name: 'prequal-api', loadConfig: loadPrequalApiConfig, start: startPrequalApi });
