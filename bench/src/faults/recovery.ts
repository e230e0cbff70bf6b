import { summarize, type LatencySummary } from '../stats/percentiles.ts';

/** One application of a fault run, from the database: submitted (created_at) and decided. */
export interface ApplicationTimes {
  readonly createdAt: number;
  /** Undefined while it is still PENDING. */
  readonly decidedAt: number | undefined;
  /** The partition of its events (the same at both hops). */
  readonly partition?: number;
}

/** When a fault began and ended (Date.now() values), and what else happened in between. */
export interface FaultTimeline {
  readonly startedAt: number;
  /** The fault is over: the worker restarted, the broker answers, the registry is reachable. */
  readonly endedAt: number;
  /** Other moments, in seconds after `endedAt` (negative: before it), e.g. a restarted worker's /ready. */
  readonly marks: Readonly<Record<string, number>>;
}

export interface RecoveryFigures {
  /** How long the fault lasted, s. */
  readonly faultSeconds: number;
  /** From the fault's end to the first decision after it, s. */
  readonly firstDecisionAfterEndSeconds: number | undefined;
  /**
   * From the fault's end until every partition that had applications waiting at the end has
   * decided one again, s: the recovery, apart from the time the backlog then takes to drain
   * (0 when nothing waited; absent in the first runs, which did not know the partitions).
   */
  readonly everyPartitionResumedAfterEndSeconds?: number | undefined;
  /**
   * From the fault's end until every application submitted before it was decided, s: the
   * backlog the fault made is worked off (0 when nothing submitted before the end waited past it).
   */
  readonly backlogWorkedOffAfterEndSeconds: number | undefined;
  /** The longest time without any decision, from the load's start to the backlog worked off, s. */
  readonly longestPauseSeconds: number;
  /** Submission to decision of the applications submitted over 2 s before the fault: normal running. */
  readonly normalMs: LatencySummary | undefined;
  /** Submission to decision of every application of the run. */
  readonly allMs: LatencySummary | undefined;
  /** The worst submission-to-decision time minus the normal p99, s. */
  readonly worstOverNormalSeconds: number | undefined;
  readonly submitted: number;
  readonly undecided: number;
  /** The three longest waits: when each was submitted (s after the fault's start) and how long it waited (s); absent in the first runs. */
  readonly slowest?: readonly { readonly submittedAfterFaultStart: number; readonly waited: number }[];
}

const seconds = (ms: number): number => ms / 1000;

/**
 * "Normal" is what was submitted up to this long before the fault began: an application submitted
 * just before a SIGKILL is still in flight when the worker dies, and waits for the recovery.
 */
const NORMAL_BEFORE_FAULT_MS = 2_000;

/**
 * When the last partition that had applications waiting at `endedAt` decided one after it, in s
 * after `endedAt`: 0 when none waited, undefined when one never resumed.
 */
function everyPartitionResumed(
  applications: readonly ApplicationTimes[],
  endedAt: number,
): number | undefined {
  const waiting = new Set(
    applications
      .filter((one) => one.createdAt <= endedAt && (one.decidedAt === undefined || one.decidedAt > endedAt))
      .map((one) => one.partition ?? 0),
  );
  let last = endedAt;
  for (const partition of waiting) {
    const resumed = applications
      .filter(
        (one) => (one.partition ?? 0) === partition && one.decidedAt !== undefined && one.decidedAt > endedAt,
      )
      .map((one) => one.decidedAt ?? Infinity);
    if (resumed.length === 0) return undefined;
    last = Math.max(last, Math.min(...resumed));
  }
  return seconds(last - endedAt);
}

/**
 * The recovery figures of one fault run: `applications` are those submitted while the load ran
 * (the load starts before the fault and goes on after it), `timeline` the fault's own times.
 */
export function recoveryFigures(
  applications: readonly ApplicationTimes[],
  timeline: Pick<FaultTimeline, 'startedAt' | 'endedAt'>,
): RecoveryFigures {
  const decided = applications.filter(
    (application): application is { createdAt: number; decidedAt: number } =>
      application.decidedAt !== undefined,
  );
  const decisionTimes = decided.map((application) => application.decidedAt).sort((a, b) => a - b);
  const firstAfterEnd = decisionTimes.find((at) => at >= timeline.endedAt);
  const beforeEnd = applications.filter((application) => application.createdAt <= timeline.endedAt);
  const backlogDone = beforeEnd.every((application) => application.decidedAt !== undefined)
    ? Math.max(timeline.endedAt, ...beforeEnd.map((application) => application.decidedAt ?? 0))
    : undefined;
  const firstSubmitted = Math.min(...applications.map((application) => application.createdAt));
  const pauseUntil = backlogDone ?? decisionTimes.at(-1) ?? firstSubmitted;
  let longestPause = 0;
  let previous = firstSubmitted;
  for (const at of decisionTimes) {
    if (at > pauseUntil) break;
    longestPause = Math.max(longestPause, at - previous);
    previous = Math.max(previous, at);
  }
  const latency = (application: { createdAt: number; decidedAt: number }): number =>
    application.decidedAt - application.createdAt;
  const normalMs = summarize(
    decided
      .filter((application) => application.createdAt < timeline.startedAt - NORMAL_BEFORE_FAULT_MS)
      .map(latency),
  );
  const allMs = summarize(decided.map(latency));
  return {
    faultSeconds: seconds(timeline.endedAt - timeline.startedAt),
    everyPartitionResumedAfterEndSeconds: everyPartitionResumed(applications, timeline.endedAt),
    firstDecisionAfterEndSeconds:
      firstAfterEnd === undefined ? undefined : seconds(firstAfterEnd - timeline.endedAt),
    backlogWorkedOffAfterEndSeconds:
      backlogDone === undefined ? undefined : seconds(backlogDone - timeline.endedAt),
    longestPauseSeconds: seconds(longestPause),
    normalMs,
    allMs,
    worstOverNormalSeconds: allMs && normalMs ? seconds(allMs.max - normalMs.p99) : undefined,
    submitted: applications.length,
    undecided: applications.length - decided.length,
    slowest: decided
      .toSorted((a, b) => latency(b) - latency(a))
      .slice(0, 3)
      .map((application) => ({
        submittedAfterFaultStart: seconds(application.createdAt - timeline.startedAt),
        waited: seconds(latency(application)),
      })),
  };
}
