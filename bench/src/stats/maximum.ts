import type { HttpRun } from '../results.ts';

/** The median of values (the mean of the middle two for an even count); undefined when none. */
export function median(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

/** A target's maximum-throughput runs (no offered rate), in the order they ran. */
export function maximumRuns(runs: readonly HttpRun[], target: HttpRun['target']): HttpRun[] {
  return runs.filter((run) => run.target === target && run.offeredRate === undefined);
}

/** A target's maximum: the median of its maximum-throughput rounds. */
export function maximumOf(runs: readonly HttpRun[], target: HttpRun['target']): number | undefined {
  return median(maximumRuns(runs, target).map((run) => run.throughputPerSecond));
}

/**
 * Ours over the baseline at maximum, round by round: the maxima are measured in interleaved rounds
 * (ours, baseline, ours, baseline …) so that a shared machine's drift over the minutes of a run
 * falls on both; each round's ratio compares two runs a few seconds apart.
 */
export function roundRatios(runs: readonly HttpRun[]): number[] {
  const ours = maximumRuns(runs, 'ours');
  const baseline = maximumRuns(runs, 'baseline');
  return ours.flatMap((run, round) => {
    const other = baseline[round];
    return other && other.throughputPerSecond > 0
      ? [run.throughputPerSecond / other.throughputPerSecond]
      : [];
  });
}
