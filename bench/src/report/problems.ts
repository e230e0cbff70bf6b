import type { BenchResults, PhaseCpu } from '../results.ts';

/**
 * What makes a run fail (exit 1) rather than just slow: answers other than 2xx to valid bodies,
 * and a backlog that was not worked off. Slowness, timeouts under overload and rates that were not
 * sustained are results, not failures.
 */
export function problemsOf(results: BenchResults): string[] {
  const problems: string[] = [];
  for (const run of results.api?.runs ?? []) {
    if (run.non2xx > 0)
      problems.push(`api: ${run.target} answered ${run.non2xx} requests with a non-2xx status`);
  }
  for (const step of results.e2e?.steps ?? []) {
    if (step.submission.non2xx > 0) {
      problems.push(
        `e2e: ${step.submission.non2xx} submissions at ${step.offeredRate}/s got a non-2xx status`,
      );
    }
  }
  const drain = results.drain;
  for (const run of drain ? [drain.relay, drain.ours, ...drain.baselines] : []) {
    if (run.completed < run.messages) {
      problems.push(`drain: ${run.pipeline} completed ${run.completed} of ${run.messages}`);
    }
  }
  return problems;
}

/**
 * A warning when processes outside the run (other work on the machine) used, on average over the
 * measured phases, more than `thresholdPercent` of a core: the figures are then noisier.
 */
export function backgroundLoadWarning(
  phases: readonly PhaseCpu[],
  thresholdPercent = 20,
): string | undefined {
  const seconds = phases.reduce((sum, phase) => sum + phase.seconds, 0);
  if (seconds === 0) return undefined;
  const other =
    phases.reduce(
      (sum, phase) =>
        sum + (phase.usage.find((share) => share.process === 'other')?.percent ?? 0) * phase.seconds,
      0,
    ) / seconds;
  return other > thresholdPercent
    ? `other processes on the machine used ${Math.round(other)}% of a core on average during the measurements: figures are noisier`
    : undefined;
}
