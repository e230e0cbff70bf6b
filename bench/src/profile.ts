import { DEFAULT_CRITERION, type BoundedCriterion } from './stats/bounded.ts';

/** How long and how hard each scenario runs. */
export interface Profile {
  readonly name: 'quick' | 'full';
  readonly serde: { readonly timeMs: number; readonly batch: number };
  readonly api: {
    readonly warmupSeconds: number;
    readonly maxConnections: number;
    readonly maxSeconds: number;
    /** Maximum-throughput runs of each server, interleaved (ours, baseline, ours …), each maxSeconds. */
    readonly maxRounds: number;
    readonly fixedRates: readonly number[];
    readonly fixedSeconds: number;
    /** Also measure our API with its outbox relay switched off (HTTP + database only). */
    readonly relayOff: boolean;
  };
  readonly e2e: {
    readonly rates: readonly number[];
    readonly stepSeconds: number;
    readonly drainTimeoutSeconds: number;
    readonly criterion: BoundedCriterion;
  };
  readonly drain: { readonly messages: number; readonly timeoutSeconds: number };
  /** How long the idle services are watched. */
  readonly idle: { readonly seconds: number };
  /** Each arrangement of API instances and relays: its rate and duration. */
  readonly relays: { readonly rate: number; readonly seconds: number };
  /**
   * The light load with Kafka up, then as long again with the broker paused; undefined to skip it
   * (its broker of its own takes some 20 s to start, too long for the quick profile).
   */
  readonly kafkaPause: { readonly rate: number; readonly seconds: number } | undefined;
}

export const PROFILES: Readonly<Record<Profile['name'], Profile>> = {
  quick: {
    name: 'quick',
    serde: { timeMs: 250, batch: 200 },
    api: {
      warmupSeconds: 2,
      maxConnections: 50,
      maxSeconds: 6,
      maxRounds: 1,
      fixedRates: [100, 200],
      fixedSeconds: 4,
      relayOff: false,
    },
    e2e: { rates: [50, 100], stepSeconds: 10, drainTimeoutSeconds: 20, criterion: DEFAULT_CRITERION },
    drain: { messages: 5_000, timeoutSeconds: 150 },
    idle: { seconds: 5 },
    relays: { rate: 50, seconds: 2 },
    kafkaPause: undefined,
  },
  full: {
    name: 'full',
    serde: { timeMs: 1_500, batch: 200 },
    api: {
      warmupSeconds: 5,
      maxConnections: 100,
      maxSeconds: 15,
      maxRounds: 3,
      fixedRates: [100, 200, 400, 800],
      fixedSeconds: 20,
      relayOff: true,
    },
    e2e: {
      // Up to the first rate that is not sustained (the knee); higher ones are skipped.
      rates: [50, 100, 200, 400, 800, 1_200, 1_600, 2_000],
      stepSeconds: 30,
      drainTimeoutSeconds: 60,
      criterion: DEFAULT_CRITERION,
    },
    drain: { messages: 50_000, timeoutSeconds: 900 },
    idle: { seconds: 60 },
    relays: { rate: 50, seconds: 20 },
    kafkaPause: { rate: 50, seconds: 20 },
  },
};

/**
 * autocannon paces a fixed rate per connection: each connection sends its share of a second's
 * requests one after another from the start of the second, then waits for the next second. A share
 * of 10 keeps the bursts short and still offers the whole rate while latency stays under ~100 ms.
 */
export function connectionsForRate(rate: number): number {
  return Math.min(64, Math.max(2, Math.ceil(rate / 10)));
}

/** Half a maximum throughput, rounded to 10/s (at least 10/s): where the p99 target is judged. */
export function halfMaximum(maximumPerSecond: number): number {
  return Math.max(10, Math.round(maximumPerSecond / 20) * 10);
}
