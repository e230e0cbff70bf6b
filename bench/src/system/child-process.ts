import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { closeSync, openSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { onCleanup, onExit, wasInterrupted } from '../cleanup.ts';
import { LOG_DIR } from '../paths.ts';

export interface RunningProcess {
  readonly name: string;
  readonly pid: number;
  readonly logFile: string;
  readonly child: ChildProcess;
  /** SIGTERM (a graceful drain), then SIGKILL after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
}

export interface StartOptions {
  readonly name: string;
  readonly script: string;
  readonly env: NodeJS.ProcessEnv;
  /** Resolves true once the process is ready for work. */
  readonly ready: () => Promise<boolean>;
  readonly timeoutMs?: number;
}

async function lastLines(file: string, count = 15): Promise<string> {
  const text = await readFile(file, 'utf8').catch(() => '');
  return text.trimEnd().split('\n').slice(-count).join('\n');
}

/**
 * Starts a Node process with its output going straight to a log file (not through this process,
 * which runs the load generator), and waits until `ready`. It is stopped on SIGINT too.
 */
export async function startProcess({
  name,
  script,
  env,
  ready,
  timeoutMs = 60_000,
}: StartOptions): Promise<RunningProcess> {
  if (wasInterrupted()) throw new Error(`not starting ${name}: the run was interrupted`);
  const fd = openSync(path.join(LOG_DIR, `${name}.log`), 'a');
  const child = spawn(process.execPath, ['--disable-warning=TimeoutNegativeWarning', script], {
    env,
    stdio: ['ignore', fd, fd],
  });
  closeSync(fd);
  const logFile = path.join(LOG_DIR, `${name}.log`);
  const alive = (): boolean => child.exitCode === null && child.signalCode === null;
  const removeExitHook = onExit(() => {
    if (alive()) child.kill('SIGKILL');
  });
  const exited = once(child, 'exit');
  const stop = async (graceMs = 30_000): Promise<void> => {
    if (alive()) {
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(killer);
    }
    removeExitHook();
  };
  const unregister = onCleanup(`process ${name}`, () => stop(5_000));

  const deadline = Date.now() + timeoutMs;
  while (!(await ready().catch(() => false))) {
    if (!alive()) {
      await unregister();
      throw new Error(
        `${name} exited (${child.exitCode ?? child.signalCode}) before it was ready:\n${await lastLines(logFile)}`,
      );
    }
    if (Date.now() > deadline) {
      await unregister();
      throw new Error(
        `${name} was not ready after ${timeoutMs} ms; last lines of ${logFile}:\n${await lastLines(logFile)}`,
      );
    }
    await sleep(200);
  }
  return {
    name,
    pid: child.pid ?? 0,
    logFile,
    child,
    stop: async (graceMs) => {
      await stop(graceMs);
      await unregister();
    },
  };
}

/** Whether GET http://127.0.0.1:<port>/health answers 200. */
export async function healthy(port: number): Promise<boolean> {
  const response = await fetch(`http://127.0.0.1:${port}/health`, { signal: AbortSignal.timeout(1_000) });
  return response.ok;
}
