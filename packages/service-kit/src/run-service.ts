import type { Writable } from 'node:stream';
import { ConfigError, type CommonConfig } from './config.ts';
import { createLogger, type Logger } from './logger.ts';
import { registerShutdown, type ShutdownStep } from './shutdown.ts';

export interface RunServiceOptions<C> {
  readonly name: string;
  readonly loadConfig: () => C;
  /** Starts the service; resolves with its shutdown steps once it serves. */
  readonly start: (config: C, logger: Logger) => Promise<readonly ShutdownStep[]>;
  readonly exit?: (code: number) => void;
  /** Where logs go (stdout) and where a configuration error goes (stderr). */
  readonly out?: Writable;
  readonly errOut?: Writable;
}

/**
 * A service's main: validates the configuration, starts the service, and stops it gracefully on
 * SIGTERM or SIGINT. Exits 1, with one clear line instead of a stack trace, when the configuration
 * is invalid (before any logger exists), and with a fatal log record when start-up fails (the port
 * is taken, the database refuses).
 * Resolves with the function that starts the shutdown, or undefined when the service did not start.
 */
export async function runService<C extends Pick<CommonConfig, 'LOG_LEVEL' | 'SHUTDOWN_TIMEOUT_MS'>>({
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
  let steps: readonly ShutdownStep[];
  try {
    steps = await start(config, logger);
  } catch (error) {
    logger.fatal({ err: error }, `${name} could not start`);
    exit(1);
    return undefined;
  }
  return registerShutdown(logger, steps, { timeoutMs: config.SHUTDOWN_TIMEOUT_MS, exit });
}
