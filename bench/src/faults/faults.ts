import { setTimeout as sleep } from 'node:timers/promises';
import { say } from '../progress.ts';
import type { ServiceName, ServiceProcess } from '../system/isolated-system.ts';
import type { FaultSystem, Restarted } from './fault-system.ts';
import type { RecoveryFigures } from './recovery.ts';

type Worker = Extract<ServiceName, 'credit-service' | 'decision-service'>;

/** What a fault did: when it began and ended, and other moments (Date.now() values). */
export interface InjectedFault {
  readonly startedAt: number;
  readonly endedAt: number;
  readonly moments: Readonly<Record<string, number | undefined>>;
}

/** A target of issue 21, judged on a fault's figures and moments (seconds after its end). */
export interface Target {
  readonly text: string;
  met(figures: RecoveryFigures, marks: Readonly<Record<string, number>>): boolean;
}

export interface Fault {
  readonly name: string;
  readonly description: string;
  readonly target: Target;
  inject(faults: FaultSystem): Promise<InjectedFault>;
}

const RESTART_AFTER_MS = 5_000;
const BROKER_DOWN_MS = 20_000;
const REGISTRY_DOWN_MS = 30_000;
/** When, into the registry outage, the worker is restarted. */
const RESTART_DURING_OUTAGE_AFTER_MS = 10_000;

/** Waits for the new instance to be healthy, then makes it the service's instance. */
async function takeOver(faults: FaultSystem, service: ServiceName, restarted: Restarted): Promise<void> {
  faults.services[service] = await restarted.process;
}

/**
 * Judged on every partition, not on the first decision: one partition back is not "resumed" while
 * the others still wait (after the registry outage before issue 21, the first decision came at
 * once and the last partition 9 s later). Nor on the backlog worked off, which adds the time the
 * backlog takes to drain at what the machine has to spare. Runs that did not know the partitions
 * are judged on the backlog.
 */
const resumed = (figures: RecoveryFigures): number =>
  figures.everyPartitionResumedAfterEndSeconds ?? figures.backlogWorkedOffAfterEndSeconds ?? Infinity;

const resumesWithin = (limit: number): Target => ({
  text: `decisions resume on every partition within ${limit} s of the fault's end`,
  met: (figures) => resumed(figures) <= limit,
});

function killAndRestart(worker: Worker): Fault {
  return {
    name: `kill ${worker}`,
    description: `${worker} killed with SIGKILL, started again 5 s later; the fault ends at the restart`,
    target: resumesWithin(10),
    async inject(faults) {
      const startedAt = Date.now();
      faults.services[worker].child.kill('SIGKILL');
      await sleep(RESTART_AFTER_MS);
      const restarted = await faults.spawn(worker);
      say(`faults · ${worker} started again`);
      const ready = await restarted.ready;
      await takeOver(faults, worker, restarted);
      return { startedAt, endedAt: restarted.spawnedAt, moments: { 'restarted /ready': ready } };
    },
  };
}

/** As the chart rolls a deployment (maxSurge 1, maxUnavailable 0): the new one ready, then SIGTERM to the old. */
function rollingDeploy(worker: Worker): Fault {
  return {
    name: `deploy ${worker}`,
    description: `rolling deploy of ${worker}: a new instance started, and once its /ready answers 200 the old one gets SIGTERM; the fault ends when the old one has exited`,
    target: {
      text: 'no decision waits more than 5 s longer than normal (worst − normal p99)',
      met: (figures) => (figures.worstOverNormalSeconds ?? Infinity) <= 5,
    },
    async inject(faults) {
      const old = faults.services[worker];
      const restarted = await faults.spawn(worker);
      const ready = await restarted.ready;
      await restarted.process;
      const sigterm = Date.now();
      say(`faults · new ${worker} ready; SIGTERM to the old one`);
      await old.stop();
      const endedAt = Date.now();
      await takeOver(faults, worker, restarted);
      return {
        startedAt: restarted.spawnedAt,
        endedAt,
        moments: { 'new /ready': ready, 'SIGTERM to the old': sigterm },
      };
    },
  };
}

const brokerOutage: Fault = {
  name: 'broker stop 20 s',
  description:
    'the broker stopped (SIGTERM, controlled shutdown), started again 20 s after it exited; the fault ends when it logs "Kafka Server started"',
  target: resumesWithin(5),
  async inject(faults) {
    const startedAt = Date.now();
    await faults.broker.stop();
    const stopped = Date.now();
    say('faults · broker stopped');
    await sleep(BROKER_DOWN_MS);
    await faults.broker.start();
    return { startedAt, endedAt: Date.now(), moments: { 'broker exited': stopped } };
  },
};

/** When, and with what, the API's /ready answers (the moment's name carries the status). */
async function probeReady(service: ServiceProcess): Promise<Record<string, number>> {
  const response = await fetch(`${service.opsUrl}/ready`, { signal: AbortSignal.timeout(3_000) }).catch(
    () => undefined,
  );
  return { [`API /ready ${response?.status ?? 'no answer'}`]: Date.now() };
}

const registryOutage: Fault = {
  name: 'registry outage 30 s',
  description:
    "the registry unreachable (connections refused) for 30 s, the services warm; the API's /ready asked halfway",
  target: {
    text: 'no effect: no decision waits more than 1 s longer than normal',
    met: (figures) => (figures.worstOverNormalSeconds ?? Infinity) <= 1,
  },
  async inject(faults) {
    const startedAt = Date.now();
    await faults.registry.down();
    await sleep(REGISTRY_DOWN_MS / 2);
    const ready = await probeReady(faults.services['prequal-api']);
    await sleep(Math.max(0, startedAt + REGISTRY_DOWN_MS - Date.now()));
    await faults.registry.up();
    return { startedAt, endedAt: Date.now(), moments: ready };
  },
};

const registryOutageWithRestart: Fault = {
  name: 'registry outage 30 s, credit-service restarted',
  description:
    'the registry unreachable for 30 s; 10 s into it credit-service gets SIGTERM and is started again (cold: no schema cached)',
  target: {
    text: "the restarted worker ready, and deciding on every partition, within 5 s of the registry's return",
    met: (figures, marks) => resumed(figures) <= 5 && (marks['restarted /ready'] ?? Infinity) <= 5,
  },
  async inject(faults) {
    const startedAt = Date.now();
    await faults.registry.down();
    await sleep(RESTART_DURING_OUTAGE_AFTER_MS);
    await faults.services['credit-service'].stop();
    const restarted = await faults.spawn('credit-service');
    await sleep(Math.max(0, startedAt + REGISTRY_DOWN_MS - Date.now()));
    await faults.registry.up();
    const endedAt = Date.now();
    const ready = await restarted.ready;
    await takeOver(faults, 'credit-service', restarted);
    return { startedAt, endedAt, moments: { 'restarted /ready': ready, restarted: restarted.spawnedAt } };
  },
};

/** No fault at all, for 30 s: how much the worst wait moves on this machine by itself. */
const control: Fault = {
  name: 'no fault (control)',
  description:
    'the same load and the same windows, nothing injected for 30 s: the worst wait here is what the machine does by itself',
  target: { text: 'none (a reference for the others)', met: () => true },
  async inject() {
    const startedAt = Date.now();
    await sleep(REGISTRY_DOWN_MS);
    return { startedAt, endedAt: Date.now(), moments: {} };
  },
};

export const FAULTS: readonly Fault[] = [
  control,
  killAndRestart('credit-service'),
  killAndRestart('decision-service'),
  rollingDeploy('credit-service'),
  rollingDeploy('decision-service'),
  brokerOutage,
  registryOutage,
  registryOutageWithRestart,
];
