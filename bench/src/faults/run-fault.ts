import { setTimeout as sleep } from 'node:timers/promises';
import { applicationBodies } from '../load/application-bodies.ts';
import { say } from '../progress.ts';
import { applicationTimesBetween, pendingCount } from '../system/pipeline-state.ts';
import { partitionOf } from './partition-of.ts';
import { pollUntil } from '../wait.ts';
import type { FaultSystem } from './fault-system.ts';
import type { Fault } from './faults.ts';
import { recoveryFigures, type RecoveryFigures } from './recovery.ts';
import { startSteadyLoad, type SteadyLoadRun } from './steady-load.ts';

export interface FaultResult {
  readonly name: string;
  readonly description: string;
  readonly target: string;
  readonly met: boolean;
  readonly rate: number;
  readonly load: SteadyLoadRun;
  /** Seconds after the fault's end (negative: before it). */
  readonly marks: Readonly<Record<string, number>>;
  readonly figures: RecoveryFigures;
}

export interface FaultRunOptions {
  readonly rate: number;
  /** Load before the fault (normal running), s. */
  readonly beforeSeconds: number;
  /** Load after the fault's end, s. */
  readonly afterSeconds: number;
  /** How long to wait, after the load, for every application to be decided, s. */
  readonly drainTimeoutSeconds: number;
}

const round = (value: number): number => Math.round(value * 10) / 10;

/**
 * One fault under steady load: the load runs `beforeSeconds`, the fault is injected (the load goes
 * on), the load runs `afterSeconds` past the fault's end, then every application is waited for.
 * The figures come from the database's created_at and decided_at of the load's applications.
 */
export async function runFault(
  faults: FaultSystem,
  fault: Fault,
  options: FaultRunOptions,
): Promise<FaultResult> {
  const { database, authHeaders } = faults.system;
  say(`faults · ${fault.name}: ${options.rate}/s for ${options.beforeSeconds} s, then the fault`);
  const load = startSteadyLoad({
    baseUrl: faults.services['prequal-api'].url,
    headers: authHeaders,
    rate: options.rate,
    bodies: applicationBodies(options.rate),
  });
  await sleep(options.beforeSeconds * 1000);
  const injected = await fault.inject(faults);
  say(`faults · ${fault.name}: over after ${round((injected.endedAt - injected.startedAt) / 1000)} s`);
  await sleep(Math.max(0, injected.endedAt + options.afterSeconds * 1000 - Date.now()));
  const run = await load.stop();
  const decided = await pollUntil(async () => (await pendingCount(database)) === 0, {
    timeoutMs: options.drainTimeoutSeconds * 1000,
    onTick: async () => {
      say(`faults · ${fault.name}: ${await pendingCount(database)} undecided`);
    },
  });
  if (!decided)
    say(`faults · ${fault.name}: not every application decided after ${options.drainTimeoutSeconds} s`);
  const rows = await applicationTimesBetween(
    database,
    new Date(run.startedAt),
    new Date(run.endedAt + 1_000),
  );
  const partition = partitionOf(faults.system.partitions);
  const figures = recoveryFigures(
    rows.map((row) => ({ ...row, partition: partition(row.id) })),
    injected,
  );
  const marks = Object.fromEntries(
    Object.entries(injected.moments).flatMap(([name, at]) =>
      at === undefined ? [] : [[name, round((at - injected.endedAt) / 1000)]],
    ),
  );
  const result = {
    name: fault.name,
    description: fault.description,
    target: fault.target.text,
    met: fault.target.met(figures, marks),
    rate: options.rate,
    load: run,
    marks,
    figures,
  };
  say(
    `faults · ${fault.name}: first decision ${figures.firstDecisionAfterEndSeconds ?? '–'} s after the end, ` +
      `backlog worked off after ${figures.backlogWorkedOffAfterEndSeconds ?? '–'} s, worst ${round((figures.allMs?.max ?? 0) / 1000)} s ` +
      `(normal p99 ${Math.round(figures.normalMs?.p99 ?? 0)} ms), longest pause ${round(figures.longestPauseSeconds)} s; ` +
      `marks ${JSON.stringify(marks)}; target ${result.met ? 'met' : 'not met'}`,
  );
  return result;
}
