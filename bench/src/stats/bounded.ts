/**
 * When a fixed offered rate counts as sustained end to end: the pipeline kept up during the load
 * and caught up soon after it. Pure, so the rule is tested and documented in one place.
 */
export interface BoundedCriterion {
  /** The API must accept at least this fraction of the offered rate (else the load never arrived). */
  readonly minAchievedFraction: number;
  /** Undecided applications may grow during the load by at most this fraction of the offered rate. */
  readonly maxGrowthFraction: number;
  /** The last application must be decided at most this long after the last one was submitted. */
  readonly maxDrainSeconds: number;
  /**
   * The load's last answer must come at most this long after its planned end. The end-to-end
   * latency starts at `created_at`, so an API that falls behind queues requests in front of it,
   * unseen there: the step then takes longer than planned (48 s for 30 at 800/s, 2026-12-01).
   */
  readonly maxOverrunSeconds: number;
}

export const DEFAULT_CRITERION: BoundedCriterion = {
  minAchievedFraction: 0.95,
  maxGrowthFraction: 0.05,
  maxDrainSeconds: 5,
  maxOverrunSeconds: 2,
};

/** One sample of the backlog during the load: seconds since the load started, undecided count. */
export interface BacklogSample {
  readonly atSeconds: number;
  readonly undecided: number;
}

export interface StepObservation {
  readonly offeredRate: number;
  /** Accepted (202) submissions per second over the load. */
  readonly achievedRate: number;
  /** Requests that failed (non-2xx, connection errors, timeouts). */
  readonly failedRequests: number;
  readonly samples: readonly BacklogSample[];
  /** Seconds from the last submission to the last decision; undefined when it never came. */
  readonly drainSeconds: number | undefined;
  /** How long the load was to take, and how long it took until its last answer. */
  readonly plannedSeconds: number;
  readonly elapsedSeconds: number;
}

export interface BoundedVerdict {
  readonly sustained: boolean;
  /** Least-squares growth of the undecided count (one-second means) over the second half of the load, per second. */
  readonly growthPerSecond: number;
  /** Why the step is not sustained (empty when it is). */
  readonly reasons: readonly string[];
}

/** Least-squares slope of y over x; 0 with fewer than two distinct x. */
export function slope(points: readonly { x: number; y: number }[]): number {
  const n = points.length;
  if (n < 2) return 0;
  const meanX = points.reduce((sum, p) => sum + p.x, 0) / n;
  const meanY = points.reduce((sum, p) => sum + p.y, 0) / n;
  let numerator = 0;
  let denominator = 0;
  for (const { x, y } of points) {
    numerator += (x - meanX) * (y - meanY);
    denominator += (x - meanX) ** 2;
  }
  return denominator === 0 ? 0 : numerator / denominator;
}

/**
 * Means of the samples over consecutive windows. The load arrives in bursts once a second
 * (autocannon's pacing), so one-second means hold whole cycles and the sawtooth cancels out.
 * Windows with at most half the usual number of samples (the cut-off last one) are left out.
 */
export function windowMeans(samples: readonly BacklogSample[], windowSeconds = 1): BacklogSample[] {
  const windows = new Map<number, number[]>();
  for (const sample of samples) {
    const index = Math.floor(sample.atSeconds / windowSeconds);
    windows.set(index, [...(windows.get(index) ?? []), sample.undecided]);
  }
  const counts = [...windows.values()].map((values) => values.length).sort((a, b) => a - b);
  const usual = counts[Math.floor(counts.length / 2)] ?? 0;
  return [...windows]
    .filter(([, values]) => values.length * 2 > usual)
    .sort(([a], [b]) => a - b)
    .map(([index, values]) => ({
      atSeconds: (index + 0.5) * windowSeconds,
      undecided: values.reduce((sum, value) => sum + value, 0) / values.length,
    }));
}

/** The growth of the backlog once the load is under way: the slope of the one-second means of its second half. */
export function backlogGrowthPerSecond(samples: readonly BacklogSample[]): number {
  const means = windowMeans(samples);
  const lastAt = means.at(-1)?.atSeconds ?? 0;
  const secondHalf = means.filter((sample) => sample.atSeconds >= lastAt / 2);
  return slope(secondHalf.map((sample) => ({ x: sample.atSeconds, y: sample.undecided })));
}

export function judgeStep(observation: StepObservation, criterion = DEFAULT_CRITERION): BoundedVerdict {
  const { offeredRate, achievedRate, failedRequests, drainSeconds } = observation;
  const growthPerSecond = backlogGrowthPerSecond(observation.samples);
  const reasons: string[] = [];
  if (failedRequests > 0) reasons.push(`${failedRequests} submissions failed`);
  if (achievedRate < offeredRate * criterion.minAchievedFraction) {
    reasons.push(`the API accepted ${achievedRate.toFixed(1)}/s of the ${offeredRate}/s offered`);
  }
  if (growthPerSecond > offeredRate * criterion.maxGrowthFraction) {
    reasons.push(`the undecided backlog grew by ${growthPerSecond.toFixed(1)}/s during the load`);
  }
  const overrun = observation.elapsedSeconds - observation.plannedSeconds;
  if (overrun > criterion.maxOverrunSeconds) {
    reasons.push(
      `the API fell behind: the load took ${observation.elapsedSeconds.toFixed(1)} s of the ${observation.plannedSeconds} s planned`,
    );
  }
  if (drainSeconds === undefined) reasons.push('the backlog was not decided before the timeout');
  else if (drainSeconds > criterion.maxDrainSeconds) {
    reasons.push(`the last application was decided ${drainSeconds.toFixed(1)} s after the last submission`);
  }
  return { sustained: reasons.length === 0, growthPerSecond, reasons };
}

/** The highest offered rate whose step was sustained, when any was. */
export function highestSustainedRate(
  steps: readonly { offeredRate: number; verdict: BoundedVerdict }[],
): number | undefined {
  const sustained = steps.filter((step) => step.verdict.sustained).map((step) => step.offeredRate);
  return sustained.length > 0 ? Math.max(...sustained) : undefined;
}
