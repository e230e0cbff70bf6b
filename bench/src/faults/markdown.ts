import type { MachineInfo } from '../results.ts';
import type { FaultResult } from './run-fault.ts';

export interface FaultBenchResults {
  readonly schema: 1;
  readonly kind: 'faults';
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly commit: string;
  readonly machine: MachineInfo;
  readonly serviceSettings: Record<string, string>;
  readonly faults: readonly FaultResult[];
}

const s = (value: number | undefined): string => (value === undefined ? '–' : value.toFixed(1));
const ms = (value: number | undefined): string => (value === undefined ? '–' : value.toFixed(0));

/** The fault benchmark's table: one row per fault, seconds counted from the fault's end. */
export function renderFaultMarkdown(results: FaultBenchResults): string {
  const m = results.machine;
  const rows = results.faults.map((fault) => {
    const f = fault.figures;
    const marks = Object.entries(fault.marks)
      .map(([name, at]) => `${name} ${at >= 0 ? '+' : ''}${at.toFixed(1)} s`)
      .join('; ');
    return `| ${fault.name} | ${s(f.faultSeconds)} | ${s(f.firstDecisionAfterEndSeconds)} | ${s(f.backlogWorkedOffAfterEndSeconds)} | ${s(f.longestPauseSeconds)} | ${ms(f.normalMs?.p99)} | ${s(f.allMs ? f.allMs.max / 1000 : undefined)} | ${f.undecided} | ${marks || '–'} | ${fault.met ? 'yes' : 'no'} |`;
  });
  const targets = results.faults.map(
    (fault) => `- **${fault.name}**: ${fault.description}. Target: ${fault.target}.`,
  );
  return [
    `# Fault benchmark`,
    '',
    `Run of ${results.startedAt} at commit ${results.commit}, ${results.faults[0]?.rate ?? '–'} applications/s through the API. ` +
      `${m.cpuModel}, ${m.cores} cores, Node ${m.node}, ${m.postgres}, ${m.registry}; load average ${m.loadAverageAtStart} at the start.`,
    '',
    'Seconds are counted from the end of the fault. "Backlog worked off": every application submitted before the end is decided. "Longest pause": the longest time without any decision. "Worst": the longest submission-to-decision time of the run.',
    '',
    '| fault | fault s | first decision after end, s | backlog worked off after end, s | longest pause, s | normal p99, ms | worst, s | undecided | moments (from the end) | target met |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |',
    ...rows,
    '',
    ...targets,
    '',
  ].join('\n');
}
