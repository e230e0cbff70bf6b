import { ServiceHost } from '@prequal/service-kit';
import { memoryLogger } from './quiet-logger.ts';

/** A service host for a test, logging into memory: start parts on it, stop it in a teardown. */
export function testHost(name = 'test'): { host: ServiceHost; logLines: () => Record<string, unknown>[] } {
  const { logger, lines } = memoryLogger(name);
  return { host: new ServiceHost({ name, logger }), logLines: lines };
}
