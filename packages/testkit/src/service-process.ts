import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../../..');

export interface ServiceProcess {
  readonly child: ChildProcess;
  readonly logFile: string;
  /** Sends a signal and resolves with the exit code (null when killed by the signal). */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/**
 * Starts a service's main.ts as a real process (as `make run-native` does), logs into
 * .out/logs/<name>-<pid>.log, and resolves once its log says it started (so it logs at info at least).
 */
export async function spawnService(
  service: 'prequal-api' | 'credit-service' | 'decision-service',
  env: NodeJS.ProcessEnv,
  { startedTimeoutMs = 60_000 } = {},
): Promise<ServiceProcess> {
  const verbose = env.LOG_LEVEL === 'debug' || env.LOG_LEVEL === 'trace';
  const child = spawn(
    process.execPath,
    ['--disable-warning=TimeoutNegativeWarning', path.join(ROOT, 'services', service, 'src/main.ts')],
    {
      env: { ...process.env, ...env, LOG_LEVEL: verbose ? env.LOG_LEVEL : 'info' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const logDir = path.join(ROOT, '.out/logs');
  await mkdir(logDir, { recursive: true });
  const logFile = path.join(logDir, `${service}-${child.pid ?? 'x'}.log`);
  const log = createWriteStream(logFile);
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${service} did not start in ${startedTimeoutMs} ms, see ${logFile}`));
    }, startedTimeoutMs);
    let buffered = '';
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      if (buffered.includes(`"msg":"${service} started"`)) {
        clearTimeout(timer);
        resolve();
      }
    });
    void exited.then(([code]) => {
      clearTimeout(timer);
      reject(new Error(`${service} exited with ${code} before it started, see ${logFile}`));
    });
  });
  return {
    child,
    logFile,
    stop: async (signal = 'SIGTERM') => {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      child.kill(signal);
      const [code] = await exited;
      return code;
    },
  };
}
