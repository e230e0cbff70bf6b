import type { Writable } from 'node:stream';
import { ConfigError, type ServiceSettings } from './config.ts';
import { createLogger } from './logger.ts';
import { ServiceHost } from './service-host.ts';
import { registerShutdown } from './shutdown.ts';

export interface RunServiceOptions<C> {
  readonly name: string;
  readonly loadConfig: () => C;
  /**
   * Starts the service's parts on the host; resolves once it serves. The "started" log record
   * carries the plain values (strings, numbers, booleans) of what it resolves with: its ports, say.
   */
  readonly start: (config: C, host: ServiceHost) => Promise<object>;
  readonly exit?: (code: number) => void;
  /** Where logs go (stdout) and where a configuration error goes (stderr). */
  readonly out?: Writable;
  readonly errOut?: Writable;
}

/**
 * A service's main: validates the configuration, starts the service, and stops it gracefully on
 * SIGTERM or SIGINT. Exits 1, with one clear line instead of a stack trace, when the configuration
 * is invalid (before any logger exists), and with a fatal log record when start-up fails (the port
 * is taken, the database refuses), after stopping what had started.
 * Resolves with the function that starts the shutdown, or undefined when the service did not start.
 */
export async function runService<C extends Pick<ServiceSettings, 'LOG_LEVEL' | 'SHUTDOWN_TIMEOUT_MS'>>({
  name,
  loadConfig,
  start,
  exit = (code) => process.exit(code),
  out,
  errOut = process.stderr,
}: RunServiceOptions<C>): Promise<((reason: string) => Promise<void>) | undefined> {
  let config: C;
  try {
    config = loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    errOut.write(`${name}: ${error.message}\n`);
    exit(1);
    return undefined;
  }
  const logger = createLogger({ name, level: config.LOG_LEVEL, ...(out && { out }) });
  const host = new ServiceHost({ name, logger });
  try {
    const started = await start(config, host);
    host.markRunning();
    logger.info(plainFields(started), `${name} started`);
  } catch (error) {
    logger.fatal({ err: error }, `${name} could not start`);
    await host.stop().catch((stopError: unknown) => {
      logger.error({ err: stopError }, 'stopping what had started failed');
    });
    exit(1);
    return undefined;
  }
  return registerShutdown(logger, host.shutdownSteps(), { timeoutMs: config.SHUTDOWN_TIMEOUT_MS, exit });
}

function plainFields(value: object): Record<string, string | number | boolean> {
  return Object.fromEntries(
    Object.entries(value).filter(
      (entry): entry is [string, string | number | boolean] =>
        typeof entry[1] === 'string' || typeof entry[1] === 'number' || typeof entry[1] === 'boolean',
    ),
  );
}
