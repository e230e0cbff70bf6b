import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../../..');

export interface ServiceProcess {
  readonly child: ChildProcess;
  readonly logFile: string;
  /** The port the service listens on, from its "started" log line (so PORT=0 works). */
  readonly port: number;
  /** Its /health, /ready and /metrics port, from the same line (a worker's only port). */
  readonly opsPort: number;
  /** Sends a signal and resolves with the exit code (null when killed by the signal). */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/**
 * Starts a service's main.ts as a real process (as `make run-native` does), logs into
 * .out/logs/<name>-<pid>.log, and resolves once its log says it started (so it logs at info at least).
 * Pass PORT=0 and read `port`: a port picked beforehand can be taken by then (it once was, in CI).
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
  const startedLine = `"msg":"${service} started"`;
  const ports = await new Promise<{ port: number; opsPort: number }>((resolve, reject) => {
    let settled = false;
    const fail = (reason: string) => {
      if (settled) return;
      settled = true;
      void logTail(logFile).then((tail) => {
        reject(new Error(`${service} ${reason}, see ${logFile}; its log ends:\n${tail}`));
      });
    };
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      fail(`did not start in ${startedTimeoutMs} ms`);
    }, startedTimeoutMs);
    let buffered = '';
    child.stdout.on('data', (chunk: Buffer) => {
      if (settled) return;
      buffered += chunk.toString();
      const complete = buffered.split('\n').slice(0, -1);
      const line = complete.find((candidate) => candidate.includes(startedLine));
      if (line === undefined) return;
      settled = true;
      clearTimeout(timer);
      const started = JSON.parse(line) as { port: number; opsPort?: number };
      resolve({ port: started.port, opsPort: started.opsPort ?? started.port });
    });
    void exited.then(([code]) => {
      clearTimeout(timer);
      fail(`exited with ${code} before it started`);
    });
  });
  return {
    child,
    logFile,
    ...ports,
    stop: async (signal = 'SIGTERM') => {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      child.kill(signal);
      const [code] = await exited;
      return code;
    },
  };
}

async function logTail(logFile: string, lines = 20): Promise<string> {
  // The pipes may still be flushing when the process has just exited.
  await new Promise((resolve) => setTimeout(resolve, 100));
  const text = await readFile(logFile, 'utf8').catch(() => '');
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}

/** What a service that was expected to stop on its own printed, and how it exited. */
export interface ExitedService {
  readonly code: number | null;
  /** Its stdout and stderr, line by line. */
  readonly lines: readonly string[];
}

/**
 * Runs a service's main.ts that should refuse to start (a wrong password, a bad setting) and
 * resolves once it exits; fails if it is still running after `timeoutMs`.
 */
export async function runServiceUntilExit(
  service: 'prequal-api' | 'credit-service' | 'decision-service',
  env: NodeJS.ProcessEnv,
  { timeoutMs = 60_000 } = {},
): Promise<ExitedService> {
  const child = spawn(
    process.execPath,
    ['--disable-warning=TimeoutNegativeWarning', path.join(ROOT, 'services', service, 'src/main.ts')],
    { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  const [code, signal] = (await once(child, 'close')) as [number | null, NodeJS.Signals | null];
  clearTimeout(timer);
  if (signal === 'SIGKILL')
    throw new Error(`${service} still ran after ${timeoutMs} ms:\n${output.slice(-2000)}`);
  return { code, lines: output.split('\n').filter((line) => line.trim() !== '') };
}
