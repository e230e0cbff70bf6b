import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, readdirSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort } from './ports.ts';

const ROOT = path.resolve(import.meta.dirname, '../../..');

/** The Kafka jars of the native stack (`make stack-up` fetched them, into STACK_CACHE_DIR), when present. */
export function nativeKafkaLibs(): string | undefined {
  const cache = process.env.STACK_CACHE_DIR ?? path.join(ROOT, '.stack/cache');
  if (!existsSync(cache)) return undefined;
  const dir = readdirSync(cache).find((name) => name.startsWith('kafka-'));
  return dir ? path.join(cache, dir, 'libs') : undefined;
}

export interface DisposableKafka {
  readonly brokers: string[];
  start(): Promise<void>;
  stop(): Promise<void>;
  /**
   * Freezes the broker (SIGSTOP) and lets it go on (SIGCONT): its connections stay open and
   * nothing answers, as with a broker stalled in a long GC or cut off by a network partition.
   */
  pause(): void;
  resume(): void;
  /** The broker's process id while it runs (to measure its CPU). */
  pid(): number | undefined;
  destroy(): Promise<void>;
}

/**
 * A Kafka broker of one test's own, from the native stack's jars, on free ports and a temporary
 * directory: it can be stopped and started again (same ports, same data) to test outages.
 */
export async function createDisposableKafka(): Promise<DisposableKafka> {
  const libs = nativeKafkaLibs();
  if (!libs) throw new Error('no Kafka jars in .stack/cache: run `make stack-up` once');
  const dir = await mkdtemp(path.join(tmpdir(), 'kafka-'));
  const [port, controllerPort] = [await freePort(), await freePort()];
  // The native broker's settings with listeners of its own: plain only (its principal, ANONYMOUS,
  // is a super user there), so the authorizer lets the test's clients do anything.
  const base = await readFile(path.join(ROOT, 'infra/native/kafka.properties'), 'utf8');
  const properties = [
    base,
    `controller.quorum.voters=1@127.0.0.1:${controllerPort}`,
    `listeners=PLAINTEXT://127.0.0.1:${port},CONTROLLER://127.0.0.1:${controllerPort}`,
    `advertised.listeners=PLAINTEXT://127.0.0.1:${port}`,
    'listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT',
  ].join('\n');
  await writeFile(
    path.join(dir, 'server.properties'),
    `${properties}\nlog.dirs=${dir}/data\noffsets.topic.replication.factor=1\ntransaction.state.log.replication.factor=1\ntransaction.state.log.min.isr=1\ngroup.initial.rebalance.delay.ms=0\nnum.partitions=3\n`,
  );
  await writeFile(
    path.join(dir, 'log4j2.properties'),
    [
      'appender.out.type = Console',
      'appender.out.name = out',
      'appender.out.layout.type = PatternLayout',
      'appender.out.layout.pattern = [%d] %p %m (%c)%n',
      'rootLogger.level = INFO',
      'rootLogger.appenderRef.out.ref = out',
    ].join('\n'),
  );
  const java = (args: string[]): ChildProcess =>
    spawn(
      'java',
      ['-Xmx384m', `-Dlog4j2.configurationFile=${dir}/log4j2.properties`, '-cp', `${libs}/*`, ...args],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
  const format = java([
    'kafka.tools.StorageTool',
    'format',
    '-t',
    'dGVzdC1jbHVzdGVyLTAwMQ',
    '-c',
    `${dir}/server.properties`,
  ]);
  const [code] = (await once(format, 'exit')) as [number];
  if (code !== 0) throw new Error('formatting the disposable Kafka failed');

  let broker: ChildProcess | undefined;
  const api: DisposableKafka = {
    brokers: [`127.0.0.1:${port}`],
    async start() {
      const child = java(['kafka.Kafka', `${dir}/server.properties`]);
      broker = child;
      let output = '';
      child.stdout?.on('data', (chunk: Buffer) => {
        output = (output + chunk.toString()).slice(-20_000);
      });
      const deadline = Date.now() + 60_000;
      while (!output.includes('Kafka Server started')) {
        if (child.exitCode !== null || Date.now() > deadline) {
          child.kill('SIGKILL');
          throw new Error(`disposable Kafka did not start:\n${output}`);
        }
        await sleep(100);
      }
    },
    async stop() {
      if (broker?.exitCode === null) {
        const exited = once(broker, 'exit');
        broker.kill('SIGCONT'); // a paused broker would not act on SIGTERM
        broker.kill('SIGTERM');
        await exited;
      }
    },
    pid() {
      return broker?.exitCode === null ? broker.pid : undefined;
    },
    pause() {
      if (broker?.exitCode === null) broker.kill('SIGSTOP');
    },
    resume() {
      if (broker?.exitCode === null) broker.kill('SIGCONT');
    },
    async destroy() {
      await api.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
  await api.start();
  return api;
}
