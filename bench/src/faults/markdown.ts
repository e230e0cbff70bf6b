import type { PhaseCpu, RunRecord } from '../results.ts';
import type { FaultResult } from './run-fault.ts';

export interface FaultBenchResults extends RunRecord<'faults'> {
  readonly faults: readonly FaultResult[];
  /** The services' CPU while idle, before and after the faults (absent in the first runs). */
  readonly idle?: readonly PhaseCpu[];
}

const s = (value: number | undefined): string => (value === undefined ? '–' : value.toFixed(1));
const ms = (value: number | undefined): string => (value === undefined ? '–' : value.toFixed(0));

/** The fault benchmark's table: one row per fault, seconds counted from the fault's end. */
export function renderFaultMarkdown(results: FaultBenchResults, title = 'Fault benchmark'): string {
  const m = results.machine;
  const rows = results.faults.map((fault) => {
    const f = fault.figures;
    const marks = Object.entries(fault.marks)
      .map(([name, at]) => `${name} ${at >= 0 ? '+' : ''}${at.toFixed(1)} s`)
      .join('; ');
    return `| ${fault.name} | ${s(f.faultSeconds)} | ${s(f.firstDecisionAfterEndSeconds)} | ${s(f.everyPartitionResumedAfterEndSeconds)} | ${s(f.backlogWorkedOffAfterEndSeconds)} | ${s(f.longestPauseSeconds)} | ${ms(f.normalMs?.p99)} | ${s(f.allMs ? f.allMs.max / 1000 : undefined)} | ${f.undecided} | ${marks || '–'} | ${fault.met ? 'yes' : 'no'} |`;
  });
  const targets = results.faults.map((fault) => {
    const slowest = (fault.figures.slowest ?? [])
      .map(
        (one) =>
          `${one.waited.toFixed(1)} s (submitted ${one.submittedAfterFaultStart.toFixed(1)} s after the fault began)`,
      )
      .join(', ');
    return `- **${fault.name}**: ${fault.description}. Target: ${fault.target}.${slowest ? ` Longest waits: ${slowest}.` : ''}`;
  });
  const services = new Set(['prequal-api', 'credit-service', 'decision-service']);
  const idle = (results.idle ?? []).map((phase) => {
    const shares = phase.usage.filter((share) => services.has(share.process));
    const total = shares.reduce((sum, share) => sum + share.percent, 0);
    return `- ${phase.phase}: ${total.toFixed(1)}% of a core (${shares.map((share) => `${share.process} ${share.percent}%`).join(', ')}; machine ${phase.usage.find((share) => share.process === 'machine')?.percent ?? '–'}%)`;
  });
  return [
    `# ${title}`,
    '',
    `Run of ${results.startedAt} at commit ${results.commit}, ${results.faults[0]?.rate ?? '–'} applications/s through the API. ` +
      `${m.cpuModel}, ${m.cores} cores, Node ${m.node}, ${m.postgres}, ${m.registry}; load average ${m.loadAverageAtStart} at the start.`,
    '',
    'Seconds are counted from the end of the fault. "Every partition resumed": each partition that had applications waiting at the end has decided one again (the recovery). "Backlog worked off": every application submitted before the end is decided (the recovery and the drain of what waited). "Longest pause": the longest time without any decision. "Worst": the longest submission-to-decision time of the run.',
    '',
    '| fault | fault s | first decision after end, s | every partition resumed after end, s | backlog worked off after end, s | longest pause, s | normal p99, ms | worst, s | undecided | moments (from the end) | target met |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |',
    ...rows,
    '',
    ...targets,
    '',
    ...(idle.length > 0 ? ['CPU of the three services with no load, 20 s each:', '', ...idle, ''] : []),
  ].join('\n');
}
