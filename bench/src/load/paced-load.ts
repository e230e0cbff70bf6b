import { Agent } from 'node:http';
import { postOnce } from './post-once.ts';
import { setTimeout as sleep } from 'node:timers/promises';
import { loadRun, type LoadOptions, type LoadRun } from './http-load.ts';

/**
 * POST /applications at an exactly paced, open-loop rate: request i is due at start + i / rate
 * and is sent then whether or not earlier ones have answered (autocannon's rate limit sends each
 * second's requests back to back, which measures bursts, not a rate). Latency counts from when a
 * request was due, so a generator or server that falls behind shows it (no coordinated omission).
 */
export async function postApplicationsPaced(options: LoadOptions & { rate: number }): Promise<LoadRun> {
  const urls = [options.baseUrl, ...(options.alsoTo ?? [])].map((base) => new URL(`${base}/applications`));
  const agent = new Agent({ keepAlive: true, maxSockets: Math.max(16, options.connections) });
  const total = Math.round(options.rate * options.durationSeconds);
  const latencies: number[] = [];
  let non2xx = 0;
  let errors = 0;
  const inFlight: Promise<void>[] = [];
  const startedAt = performance.now();
  const wallStart = Date.now();
  for (let i = 0; i < total; i += 1) {
    const due = startedAt + (i * 1000) / options.rate;
    const wait = due - performance.now();
    if (wait > 1) await sleep(wait);
    const body = JSON.stringify(options.bodies());
    inFlight.push(
      postOnce(urls[i % urls.length] as URL, agent, body, options.headers).then((outcome) => {
        if (outcome === 'accepted') latencies.push(performance.now() - due);
        else if (outcome === 'refused') non2xx += 1;
        else errors += 1;
      }),
    );
  }
  await Promise.all(inFlight);
  agent.destroy();
  return loadRun(options, {
    durationSeconds: options.durationSeconds,
    accepted: latencies.length,
    non2xx,
    errors,
    timeouts: 0,
    latencies,
    startedAt: wallStart,
  });
}
