import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createWriteStream, existsSync, readdirSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { nodeProperties, type NodeListeners } from './broker-properties.ts';
import { freePort } from './ports.ts';

const ROOT = path.resolve(import.meta.dirname, '../../..');

/**
 * The Kafka jars of the native stack (`make stack-up` fetched them), when present: in
 * STACK_CACHE_DIR, else in STACK_DIR's cache, else in the repository's .stack.
 */
export function nativeKafkaLibs(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const caches = [
    env.STACK_CACHE_DIR,
    env.STACK_DIR && path.join(env.STACK_DIR, 'cache'),
    path.join(ROOT, '.stack/cache'),
  ];
  for (const cache of caches) {
    if (!cache || !existsSync(cache)) continue;
    const dir = readdirSync(cache).find((name) => name.startsWith('kafka-'));
    if (dir) return path.join(cache, dir, 'libs');
  }
  return undefined;
}

/** One KRaft node (broker and controller) of a disposable cluster. */
export interface KafkaNode {
  /** Its node.id, as metadata names leaders and replicas. */
  readonly id: number;
  /** Its plain listener, `127.0.0.1:<port>`. */
  readonly broker: string;
  running(): boolean;
  /** Starts it again (same ports, same data) and resolves once it serves. */
  start(): Promise<void>;
  /** SIGTERM (a clean shutdown) or SIGKILL (a crash); resolves once the process is gone. */
  stop(signal?: 'SIGTERM' | 'SIGKILL'): Promise<void>;
  /**
   * Freezes the node (SIGSTOP) and lets it go on (SIGCONT): its connections stay open and nothing
   * answers, as with a broker stalled in a long GC or cut off by a network partition.
   */
  pause(): void;
  resume(): void;
  /** Its process id while it runs (to measure its CPU). */
  pid(): number | undefined;
}

export interface DisposableKafka {
  /** Every node's plain listener: the bootstrap list. */
  readonly brokers: string[];
  readonly nodes: readonly KafkaNode[];
  /** The node of a node.id. */
  node(id: number): KafkaNode;
  /** Starts every stopped node, together (a node of a quorum waits for the others). */
  start(): Promise<void>;
  /** Stops every running node, together. */
  stop(): Promise<void>;
  destroy(): Promise<void>;
}

const LOG4J = [
  'appender.out.type = Console',
  'appender.out.name = out',
  'appender.out.layout.type = PatternLayout',
  'appender.out.layout.pattern = [%d] %p %m (%c)%n',
  'rootLogger.level = INFO',
  'rootLogger.appenderRef.out.ref = out',
].join('\n');

/**
 * A Kafka of one test's own, from the native stack's jars, on free ports and a temporary directory,
 * with the settings of infra/ (kafka.env; kafka-cluster.env too for three nodes: replication 3,
 * min ISR 2): one node, or a cluster of three with one controller quorum. Nodes can be stopped
 * (cleanly or killed) and started again to test outages. Each node logs to .out/logs.
 */
export async function createDisposableKafka({ nodes = 1 }: { nodes?: 1 | 3 } = {}): Promise<DisposableKafka> {
  const libs = nativeKafkaLibs();
  if (!libs) throw new Error('no Kafka jars in .stack/cache: run `make stack-up` once');
  const dir = await mkdtemp(path.join(tmpdir(), 'kafka-'));
  await writeFile(path.join(dir, 'log4j2.properties'), LOG4J);
  const logDir = path.join(ROOT, '.out/logs');
  await mkdir(logDir, { recursive: true });
  const listeners: NodeListeners[] = [];
  for (let nodeId = 1; nodeId <= nodes; nodeId++) {
    listeners.push({ nodeId, port: await freePort(), controllerPort: await freePort() });
  }
  const java = (args: string[]): ChildProcess =>
    spawn(
      'java',
      [
        '-Xms128m',
        '-Xmx384m',
        `-Dlog4j2.configurationFile=${dir}/log4j2.properties`,
        '-cp',
        `${libs}/*`,
        ...args,
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
  // A cluster id is 16 bytes in URL-safe base64; all nodes of a cluster share it.
  const clusterId = randomBytes(16).toString('base64url');
  const members = await Promise.all(
    listeners.map(async (listener) => {
      const properties = path.join(dir, `node-${listener.nodeId}.properties`);
      await writeFile(
        properties,
        await nodeProperties(listener, listeners, path.join(dir, `node-${listener.nodeId}`)),
      );
      const format = java(['kafka.tools.StorageTool', 'format', '-t', clusterId, '-c', properties]);
      const [code] = (await once(format, 'exit')) as [number];
      if (code !== 0) throw new Error(`formatting node ${listener.nodeId} of the disposable Kafka failed`);
      const logFile = path.join(logDir, `kafka-${clusterId}-${listener.nodeId}.log`);
      return createNode(listener, () => java(['kafka.Kafka', properties]), logFile);
    }),
  );

  const api: DisposableKafka = {
    brokers: members.map((member) => member.broker),
    nodes: members,
    node: (id) => {
      const found = members.find((member) => member.id === id);
      if (!found) throw new Error(`no node ${id} in this cluster of ${members.length}`);
      return found;
    },
    start: async () => {
      await Promise.all(members.filter((member) => !member.running()).map((member) => member.start()));
    },
    stop: async () => {
      await Promise.all(members.map((member) => member.stop()));
    },
    destroy: async () => {
      await Promise.all(members.map((member) => member.stop('SIGKILL')));
      await rm(dir, { recursive: true, force: true });
    },
  };
  try {
    await api.start();
  } catch (error) {
    await api.destroy();
    throw error;
  }
  return api;
}

function createNode(listener: NodeListeners, launch: () => ChildProcess, logFile: string): KafkaNode {
  let child: ChildProcess | undefined;
  const log = createWriteStream(logFile, { flags: 'a' });
  const running = () => child?.exitCode === null && child.signalCode === null;
  return {
    id: listener.nodeId,
    broker: `127.0.0.1:${listener.port}`,
    running,
    async start() {
      if (running()) return;
      const launched = launch();
      child = launched;
      let output = '';
      launched.stdout?.on('data', (chunk: Buffer) => {
        output = (output + chunk.toString()).slice(-20_000);
        log.write(chunk);
      });
      launched.stderr?.pipe(log, { end: false });
      const deadline = Date.now() + 120_000;
      while (!output.includes('Kafka Server started')) {
        if (launched.exitCode !== null || Date.now() > deadline) {
          launched.kill('SIGKILL');
          throw new Error(`node ${listener.nodeId} of the disposable Kafka did not start:\n${output}`);
        }
        await sleep(100);
      }
    },
    async stop(signal = 'SIGTERM') {
      if (!child || !running()) return;
      const exited = once(child, 'exit');
      child.kill('SIGCONT'); // a paused node would not act on SIGTERM
      child.kill(signal);
      await exited;
    },
    pause() {
      if (running()) child?.kill('SIGSTOP');
    },
    resume() {
      if (running()) child?.kill('SIGCONT');
    },
    pid() {
      return running() ? child?.pid : undefined;
    },
  };
}
