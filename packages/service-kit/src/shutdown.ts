import type { Logger } from './logger.ts';

export interface ShutdownStep {
  readonly name: string;
  run(): Promise<void>;
}

/**
 * On SIGTERM or SIGINT, runs the steps in order (stop intake first, close pools last), each one
 * logged; exits 0 when all finished, 1 when one failed or the whole took longer than `timeoutMs`.
 * Returns a function that starts the same shutdown, for tests and fatal errors.
 */
export function registerShutdown(
  logger: Logger,
  steps: readonly ShutdownStep[],
  { timeoutMs, exit = (code) => process.exit(code) }: { timeoutMs: number; exit?: (code: number) => void },
): (reason: string) => Promise<void> {
  let running: Promise<void> | undefined;
  const shutdown = (reason: string): Promise<void> => {
    running ??= (async () => {
      logger.info({ reason }, 'shutting down');
      const timer = setTimeout(() => {
        logger.error({ timeoutMs }, 'shutdown took too long, exiting');
        exit(1);
      }, timeoutMs);
      timer.unref();
      let code = 0;
      for (const step of steps) {
        try {
          await step.run();
          logger.info({ step: step.name }, 'shutdown step done');
        } catch (error) {
          code = 1;
          logger.error({ err: error, step: step.name }, 'shutdown step failed');
        }
      }
      clearTimeout(timer);
      logger.info({ code }, 'shutdown complete');
      exit(code);
    })();
    return running;
  };
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => void shutdown(signal));
  }
  return shutdown;
}
