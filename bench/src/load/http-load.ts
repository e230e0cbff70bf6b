import autocannon from 'autocannon';
import type { HttpRun } from '../results.ts';
import { summarize } from '../stats/percentiles.ts';
import type { ApplicationBody } from './application-bodies.ts';
import { postApplicationsPaced } from './paced-load.ts';

export interface LoadOptions {
  readonly baseUrl: string;
  /** Paced runs only: request i goes to `alsoTo`'s instances in turn with `baseUrl` (several API instances). */
  readonly alsoTo?: readonly string[] | undefined;
  readonly target: HttpRun['target'];
  readonly connections: number;
  readonly durationSeconds: number;
  /** Requests per second over all connections; unset for as many as the server takes. */
  readonly rate?: number | undefined;
  readonly bodies: () => ApplicationBody;
  /** Sent with every request: our API's credentials (the bare baseline has none). */
  readonly headers?: Readonly<Record<string, string>> | undefined;
}

export interface LoadRun extends HttpRun {
  /** Date.now() when the load started and when the last response came back. */
  readonly startedAt: number;
  readonly endedAt: number;
}

/**
 * POST /applications: at a fixed offered rate with the paced generator, else (maximum
 * throughput) with autocannon: a different body each request, latencies of the accepted
 * (2xx) responses collected one by one so that p95 is exact, and autocannon's progress bar on a
 * terminal.
 */
export async function postApplications(options: LoadOptions): Promise<LoadRun> {
  if (options.rate !== undefined) return postApplicationsPaced({ ...options, rate: options.rate });
  const latencies: number[] = [];
  const startedAt = Date.now();
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: `${options.baseUrl}/applications`,
        method: 'POST',
        headers: { 'content-type': 'application/json', ...options.headers },
        connections: options.connections,
        duration: options.durationSeconds,
        timeout: 10,
        requests: [
          {
            method: 'POST',
            setupRequest: (request) => ({ ...request, body: JSON.stringify(options.bodies()) }),
          },
        ],
      },
      (error: unknown, done: autocannon.Result) => {
        if (error) reject(error instanceof Error ? error : new Error('autocannon failed', { cause: error }));
        else resolve(done);
      },
    );
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      if (statusCode >= 200 && statusCode < 300) latencies.push(responseTime);
    });
    autocannon.track(instance, {
      renderProgressBar: process.stderr.isTTY,
      renderResultsTable: false,
      renderLatencyTable: false,
    });
  });
  return loadRun(options, {
    durationSeconds: result.duration,
    accepted: result['2xx'],
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    latencies,
    startedAt,
  });
}

/** The run's figures from its counts and the latencies of the accepted requests; ends now. */
export function loadRun(
  options: Pick<LoadOptions, 'target' | 'rate' | 'connections'>,
  counts: {
    durationSeconds: number;
    accepted: number;
    non2xx: number;
    errors: number;
    timeouts: number;
    latencies: readonly number[];
    startedAt: number;
  },
): LoadRun {
  const { latencies, ...rest } = counts;
  return {
    target: options.target,
    offeredRate: options.rate,
    connections: options.connections,
    ...rest,
    throughputPerSecond: counts.accepted / counts.durationSeconds,
    latencyMs: summarize(latencies),
    endedAt: Date.now(),
  };
}

/** A one-line summary of a run for the progress output. */
export function describeRun(run: HttpRun): string {
  const latency = run.latencyMs;
  const failed = run.non2xx + run.errors;
  return (
    `${run.throughputPerSecond.toFixed(0)} accepted/s` +
    (latency
      ? `, p50 ${latency.p50.toFixed(1)} ms, p95 ${latency.p95.toFixed(1)} ms, p99 ${latency.p99.toFixed(1)} ms`
      : '') +
    (failed > 0 ? `, ${run.non2xx} non-2xx, ${run.errors} errors` : '')
  );
}
