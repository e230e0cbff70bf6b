import { say } from './progress.ts';
import { settlesWithin } from './wait.ts';

type Cleanup = () => Promise<unknown>;

const pending = new Map<number, { what: string; run: Cleanup }>();
const exitHooks = new Set<() => void>();
let nextId = 0;
let interrupted = false;

/**
 * Registers something to undo (a child process, a database, topics); returns the function that
 * undoes it now. Whatever is still registered is undone on SIGINT/SIGTERM, so an interrupted run
 * leaves no processes behind.
 */
export function onCleanup(what: string, run: Cleanup): () => Promise<void> {
  const id = nextId++;
  pending.set(id, { what, run });
  return async () => {
    if (!pending.delete(id)) return;
    await run();
  };
}

/** A last-resort synchronous hook for process exit (e.g. SIGKILL a child that is still alive). */
export function onExit(hook: () => void): () => void {
  exitHooks.add(hook);
  return () => exitHooks.delete(hook);
}

export function wasInterrupted(): boolean {
  return interrupted;
}

/** Undoes everything still registered, newest first, each within `timeoutMs`. */
export async function cleanUpAll(timeoutMs = 10_000): Promise<void> {
  const entries = [...pending.entries()].reverse();
  pending.clear();
  for (const [, { what, run }] of entries) {
    try {
      if (!(await settlesWithin(run(), timeoutMs))) say(`cleanup of ${what} timed out`);
    } catch (error) {
      say(`cleanup of ${what} failed: ${String(error)}`);
    }
  }
}

export function installSignalHandlers(): void {
  process.on('exit', () => {
    for (const hook of exitHooks) hook();
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      interrupted = true;
      say(`${signal}: stopping the processes this run started and dropping its databases`);
      void cleanUpAll(5_000).finally(() => process.exit(130));
    });
  }
}
