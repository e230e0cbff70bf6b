import type { BoundedCriterion, BoundedVerdict, BacklogSample } from './stats/bounded.ts';
import type { LatencySummary } from './stats/percentiles.ts';

/** CPU used by one process (or group of processes) over a phase: 100 = one core busy. */
export interface CpuShare {
  readonly process: string;
  readonly percent: number;
}

export interface PhaseCpu {
  readonly phase: string;
  readonly seconds: number;
  /** Requests or messages handled in the phase, when it has a count (for CPU per item). */
  readonly items?: number;
  readonly usage: readonly CpuShare[];
}

export interface MachineInfo {
  readonly cpuModel: string;
  readonly cores: number;
  readonly memoryGiB: number;
  readonly os: string;
  readonly node: string;
  readonly kafka: string;
  readonly postgres: string;
  readonly registry: string;
  /** 1-minute load average when the run started: above ~0.5 something else was busy. */
  readonly loadAverageAtStart: number;
}

/** One autocannon run against POST /applications. */
export interface HttpRun {
  readonly target: 'ours' | 'ours-relay-off' | 'baseline';
  /** Requests per second asked of autocannon; undefined for a maximum-throughput run. */
  readonly offeredRate: number | undefined;
  readonly connections: number;
  readonly durationSeconds: number;
  readonly accepted: number;
  readonly throughputPerSecond: number;
  readonly non2xx: number;
  readonly errors: number;
  readonly timeouts: number;
  readonly latencyMs: LatencySummary | undefined;
}

export interface ApiResult {
  readonly runs: readonly HttpRun[];
  /** Our maximum throughput divided by the baseline's: the headline figure. */
  readonly maxThroughputRatio: number | undefined;
  /**
   * Half of prequal-api's maximum throughput in this run, rounded to 10/s: the fixed rate at which
   * its p99 is judged (measured for both servers, next to the profile's fixed rates).
   */
  readonly halfMaximumRate?: number | undefined;
}

export interface E2eStep {
  readonly offeredRate: number;
  readonly durationSeconds: number;
  readonly submission: HttpRun;
  readonly decided: number;
  readonly undecidedAtEnd: number;
  /** applications.created_at -> decided_at of the step's applications. */
  readonly latencyMs: LatencySummary | undefined;
  readonly drainSeconds: number | undefined;
  readonly maxUndecided: number;
  readonly maxOutboxBacklog: number;
  readonly maxCreditLag: number;
  readonly maxDecisionLag: number;
  readonly samples: readonly (BacklogSample & { outbox: number; creditLag: number; decisionLag: number })[];
  readonly verdict: BoundedVerdict;
  /** Where the time went, hop by hop (absent in runs from before it was measured). */
  readonly hopsMs?: E2eHops | undefined;
}

/**
 * The hops of an application, from the clocks of the one machine: created_at (prequal-api) → its
 * LoanApplicationSubmitted's Kafka timestamp (the relay's send) → its CreditReportGenerated's
 * (credit-service's send) → decided_at (decision-service, in the transaction that records it).
 */
export interface E2eHops {
  readonly relay: LatencySummary | undefined;
  readonly credit: LatencySummary | undefined;
  readonly decision: LatencySummary | undefined;
}

export interface E2eResult {
  readonly criterion: BoundedCriterion;
  readonly steps: readonly E2eStep[];
  readonly highestSustainedRate: number | undefined;
}

/** How long a pipeline took to move N messages through. */
export interface DrainRun {
  readonly pipeline: string;
  readonly messages: number;
  readonly completed: number;
  /** From starting the consumers (processes or clients) to the last output. */
  readonly totalSeconds: number;
  /** From the first output to the last: the steady processing rate, start-up excluded. */
  readonly spanSeconds: number;
  readonly perSecond: number;
}

/**
 * A drain run from its times (Date.now() values): started (the consumers were started), first
 * and last (the span of processing; unset when nothing was processed).
 */
export function drainRun(
  pipeline: string,
  counts: { messages: number; completed: number },
  times: { started: number; first: number | undefined; last: number | undefined },
): DrainRun {
  const { first, last, started } = times;
  const spanSeconds = first !== undefined && last !== undefined ? (last - first) / 1000 : 0;
  return {
    pipeline,
    ...counts,
    totalSeconds: ((last ?? Date.now()) - started) / 1000,
    spanSeconds,
    perSecond: spanSeconds > 0 ? counts.completed / spanSeconds : 0,
  };
}

export interface DrainResult {
  readonly messages: number;
  readonly insertSeconds: number;
  /** prequal-api's outbox relay publishing the backlog to Kafka (workers stopped). */
  readonly relay: DrainRun;
  readonly ours: DrainRun;
  readonly baselines: readonly DrainRun[];
  /** Our worker drain time divided by the per-message kafkajs baseline's (processing spans). */
  readonly ratio: number | undefined;
}

export interface SerdeRow {
  readonly event: string;
  readonly avroEncodePerSecond: number;
  readonly jsonEncodePerSecond: number;
  readonly avroDecodePerSecond: number;
  readonly jsonDecodePerSecond: number;
  readonly avroBytes: number;
  readonly jsonBytes: number;
  /**
   * Sealing and opening the PII-tagged fields alone (AES-256-GCM), per second, for an event that has
   * some (included in the Avro figures above); undefined for an event without.
   */
  readonly sealPerSecond?: number | undefined;
  readonly openPerSecond?: number | undefined;
}

/** The three services running with nothing to do (after a warm-up): what waiting costs. */
export interface IdleResult {
  readonly seconds: number;
  /** CPU of each service over the window, % of one core. */
  readonly services: readonly CpuShare[];
  /** The three services together, % of one core. */
  readonly totalPercent: number;
}

/** One arrangement of API instances and relays, at a light offered rate. */
export interface RelayVariant {
  readonly name: string;
  readonly offeredRate: number;
  readonly submission: HttpRun;
  /** Applications of the step whose event was seen on Kafka. */
  readonly published: number;
  /** The application's created_at (the API) to its event's Kafka timestamp (the relay's send). */
  readonly publishMs: LatencySummary | undefined;
}

export interface RelaysResult {
  readonly variants: readonly RelayVariant[];
}

/** POST /applications at a light rate with Kafka answering, then with the broker frozen. */
export interface KafkaPauseResult {
  readonly offeredRate: number;
  readonly pauseSeconds: number;
  readonly up: HttpRun;
  readonly paused: HttpRun;
  /** p99 with the broker paused divided by the p99 with it up (the target: at most 1.5). */
  readonly p99Ratio: number | undefined;
  /** From the broker's resume to the last row of the outbox published, s. */
  readonly caughtUpSeconds: number | undefined;
}

export interface BenchResults {
  readonly schema: 1;
  readonly profile: string;
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly durationSeconds: number;
  readonly machine: MachineInfo;
  /** Service settings taken from the environment of the run (the knobs being tried). */
  readonly serviceSettings: Readonly<Record<string, string>>;
  readonly serde: readonly SerdeRow[] | undefined;
  readonly api: ApiResult | undefined;
  /** Absent in runs from before the scenario existed. */
  readonly idle?: IdleResult | undefined;
  readonly relays?: RelaysResult | undefined;
  readonly kafkaPause?: KafkaPauseResult | undefined;
  readonly e2e: E2eResult | undefined;
  readonly drain: DrainResult | undefined;
  readonly cpu: readonly PhaseCpu[];
  readonly warnings: readonly string[];
}

/** What the results of make bench-faults, bench-brokers and soak start with: what ran, when, where. */
export interface RunRecord<Kind extends string> {
  readonly schema: 1;
  readonly kind: Kind;
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly commit: string;
  readonly machine: MachineInfo;
  readonly serviceSettings: Readonly<Record<string, string>>;
}
