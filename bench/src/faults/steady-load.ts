import { Agent } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ApplicationBody } from '../load/application-bodies.ts';
import { postOnce } from '../load/post-once.ts';

export interface SteadyLoadRun {
  readonly startedAt: number;
  readonly endedAt: number;
  readonly sent: number;
  readonly accepted: number;
  readonly failed: number;
}

export interface SteadyLoad {
  /** Stops sending, waits for the answers in flight. */
  stop(): Promise<SteadyLoadRun>;
}

/**
 * POST /applications at `rate` per second, open loop (request i is due at start + i / rate and is
 * sent then, answered or not), until stopped: the load goes on through the fault and after it,
 * however long the fault lasts. The API never waits on Kafka or the registry, so it keeps
 * accepting through every fault of the fault benchmark.
 */
export function startSteadyLoad(options: {
  readonly baseUrl: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly rate: number;
  readonly bodies: () => ApplicationBody;
}): SteadyLoad {
  const url = new URL(`${options.baseUrl}/applications`);
  const agent = new Agent({ keepAlive: true, maxSockets: 16 });
  const counts = { sent: 0, accepted: 0, failed: 0 };
  const inFlight = new Set<Promise<void>>();
  const state = { running: true };
  const running = (): boolean => state.running;
  const startedAt = Date.now();
  const started = performance.now();

  const send = (): Promise<void> =>
    postOnce(url, agent, JSON.stringify(options.bodies()), options.headers).then((outcome) => {
      if (outcome === 'accepted') counts.accepted += 1;
      else counts.failed += 1;
    });

  const loop = (async () => {
    for (let i = 0; running(); i += 1) {
      const wait = started + (i * 1000) / options.rate - performance.now();
      if (wait > 1) await sleep(wait);
      if (!running()) break; // stopped while it slept
      counts.sent += 1;
      const answered = send();
      inFlight.add(answered);
      void answered.then(() => inFlight.delete(answered));
    }
  })();

  return {
    stop: async () => {
      state.running = false;
      await loop;
      const endedAt = Date.now();
      await Promise.all(inFlight);
      agent.destroy();
      return { startedAt, endedAt, ...counts };
    },
  };
}
