import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { stackRunDir } from '../paths.ts';
import type { CpuShare, PhaseCpu } from '../results.ts';

/** A process (or group of processes) whose CPU time a phase records. */
export interface CpuTarget {
  readonly name: string;
  readonly pids: () => readonly number[];
}

const TICKS_PER_SECOND = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** User + system CPU ticks of a process (all its threads), or undefined once it is gone. */
function processTicks(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return undefined;
  }
}

/** Busy and total ticks of the whole machine. */
function machineTicks(): { busy: number; total: number } {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
  const values = line.trim().split(/\s+/).slice(1).map(Number);
  const total = values.slice(0, 8).reduce((sum, value) => sum + value, 0);
  const idle = (values[3] ?? 0) + (values[4] ?? 0);
  return { busy: total - idle, total };
}

function pidFile(name: string): number[] {
  try {
    const pid = Number(readFileSync(path.join(stackRunDir(), `${name}.pid`), 'utf8').trim());
    return pid > 0 ? [pid] : [];
  } catch {
    return [];
  }
}

/** Every process named `comm` (e.g. all PostgreSQL backends). */
function processesNamed(comm: string): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === comm;
      } catch {
        return false;
      }
    })
    .map(Number);
}

/** The stack's processes and this one (the load generator). */
export function stackTargets(): CpuTarget[] {
  return [
    { name: 'postgres', pids: () => processesNamed('postgres') },
    { name: 'kafka', pids: () => pidFile('kafka') },
    { name: 'registry', pids: () => pidFile('registry') },
    { name: 'bench process', pids: () => [process.pid] },
  ];
}

/**
 * Measures the CPU each target used while `work` ran, as a percentage of one core, plus the
 * machine's total and what other processes used.
 */
export async function measureCpu<T>(
  phase: string,
  targets: readonly CpuTarget[],
  work: () => Promise<T>,
): Promise<{ result: T; cpu: PhaseCpu }> {
  const before = new Map(
    targets.flatMap((target) => target.pids().map((pid) => [pid, processTicks(pid) ?? 0])),
  );
  const machineBefore = machineTicks();
  const started = performance.now();
  const result = await work();
  const seconds = (performance.now() - started) / 1000;
  const machineAfter = machineTicks();
  const percentOf = (ticks: number): number => Math.round((ticks / TICKS_PER_SECOND / seconds) * 1000) / 10;
  const usage: CpuShare[] = targets.map((target) => {
    let ticks = 0;
    for (const pid of target.pids()) ticks += Math.max(0, (processTicks(pid) ?? 0) - (before.get(pid) ?? 0));
    return { process: target.name, percent: percentOf(ticks) };
  });
  const busy = machineAfter.busy - machineBefore.busy;
  const total = machineAfter.total - machineBefore.total;
  const machinePercent = total > 0 ? Math.round((busy / total) * os.availableParallelism() * 1000) / 10 : 0;
  const named = usage.reduce((sum, share) => sum + share.percent, 0);
  usage.push(
    { process: 'other', percent: Math.max(0, Math.round((machinePercent - named) * 10) / 10) },
    { process: 'machine', percent: machinePercent },
  );
  return { result, cpu: { phase, seconds, usage } };
}
