import { setTimeout as sleep } from 'node:timers/promises';
import {
  createDisposableKafka,
  createTcpProxy,
  freePort,
  type DisposableKafka,
  type TcpProxy,
} from '@prequal/testkit';
import { onCleanup } from '../cleanup.ts';
import type { StackEndpoints } from '@prequal/testkit';
import {
  createIsolatedSystem,
  type IsolatedSystem,
  type ServiceName,
  type ServiceProcess,
} from '../system/isolated-system.ts';

/** A service process started during a fault: when it was spawned, and when its /ready said 200. */
export interface Restarted {
  readonly spawnedAt: number;
  /** Resolves with Date.now() of its first 200 on /ready (undefined if none within the timeout). */
  readonly ready: Promise<number | undefined>;
  /** Resolves once it is healthy (and a worker's group stable), with the process. */
  readonly process: Promise<ServiceProcess>;
}

/**
 * The pipeline of the fault benchmark: the three services on a Kafka broker of the benchmark's own
 * (stopped and started by the broker fault, never the shared one), reaching the shared registry
 * through a TCP proxy that the registry faults cut, and on a database of their own. `services`
 * holds the running instance of each service; a fault that replaces one puts the new one there.
 */
export interface FaultSystem {
  readonly system: IsolatedSystem;
  readonly broker: DisposableKafka;
  readonly registry: TcpProxy;
  readonly services: Record<ServiceName, ServiceProcess>;
  /** Starts another instance of `service` without waiting for it. */
  spawn(service: ServiceName): Promise<Restarted>;
  close(): Promise<void>;
}

/** Polls /ready every 100 ms until it answers 200. */
async function firstReady(opsUrl: string, timeoutMs: number): Promise<number | undefined> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const ok = await fetch(`${opsUrl}/ready`, { signal: AbortSignal.timeout(1_000) })
      .then((response) => response.ok)
      .catch(() => false);
    if (ok) return Date.now();
    await sleep(100);
  }
  return undefined;
}

export async function createFaultSystem(endpoints: StackEndpoints): Promise<FaultSystem> {
  const broker = await createDisposableKafka();
  const removeBroker = onCleanup('the benchmark’s Kafka broker', () => broker.destroy());
  // The harness (topics, groups, lag) works on the benchmark's broker.
  process.env.KAFKA_BROKERS = broker.brokers.join(',');
  const upstream = new URL(endpoints.schemaRegistryUrl);
  const registry = await createTcpProxy(upstream.hostname, Number(upstream.port || 80));
  const removeProxy = onCleanup('the registry proxy', () => registry.close());
  const proxiedRegistry = `${upstream.protocol}//127.0.0.1:${registry.port}${upstream.pathname}`;
  const system = await createIsolatedSystem();
  const env = { SCHEMA_REGISTRY_URL: proxiedRegistry };

  const spawn = async (service: ServiceName): Promise<Restarted> => {
    const opsPort = await freePort();
    const spawnedAt = Date.now();
    const started = system.start(service, env, { opsPort });
    started.catch(() => undefined); // awaited by whoever takes `process`
    return { spawnedAt, ready: firstReady(`http://127.0.0.1:${opsPort}`, 120_000), process: started };
  };
  const services = {
    'credit-service': await system.start('credit-service', env),
    'decision-service': await system.start('decision-service', env),
    'prequal-api': await system.start('prequal-api', env),
  };
  return {
    system,
    broker,
    registry,
    services,
    spawn,
    close: async () => {
      await system.close();
      await removeProxy();
      await removeBroker();
    },
  };
}
