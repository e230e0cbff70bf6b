import { createDisposableKafka, type DisposableKafka } from '@prequal/testkit';
import { onCleanup } from '../cleanup.ts';
import { applicationBodies } from '../load/application-bodies.ts';
import { describeRun, postApplications } from '../load/http-load.ts';
import { connectionsForRate } from '../profile.ts';
import { say, secondsSince } from '../progress.ts';
import type { HttpRun, KafkaPauseResult } from '../results.ts';
import { measureCpu, stackTargets } from '../system/cpu-sampler.ts';
import { createIsolatedSystem, type IsolatedSystem, type ServiceProcess } from '../system/isolated-system.ts';
import { unpublishedCount } from '../system/pipeline-state.ts';
import { warmUp } from '../system/warm-up.ts';
import { pollUntil } from '../wait.ts';
import type { ScenarioContext } from './context.ts';

function pauseSettings(context: ScenarioContext): { rate: number; seconds: number } {
  const settings = context.profile.kafkaPause;
  if (!settings) throw new Error(`the ${context.profile.name} profile has no kafka-pause scenario`);
  return settings;
}

async function submit(
  { system, api, broker }: { system: IsolatedSystem; api: ServiceProcess; broker: DisposableKafka },
  context: ScenarioContext,
  phase: string,
): Promise<HttpRun> {
  const { rate, seconds } = pauseSettings(context);
  const targets = [
    { name: 'prequal-api', pids: () => [api.pid] },
    // The broker of this scenario, in place of the stack's.
    { name: 'kafka', pids: () => broker.nodes.map((node) => node.pid()).filter((pid) => pid !== undefined) },
    ...stackTargets().filter((target) => target.name !== 'kafka'),
  ];
  const { result, cpu } = await measureCpu(`kafka pause · ${phase}`, targets, () =>
    postApplications({
      baseUrl: api.url,
      headers: system.authHeaders,
      target: 'ours',
      bodies: applicationBodies(rate + 3),
      connections: connectionsForRate(rate),
      durationSeconds: seconds,
      rate,
    }),
  );
  context.cpu.push({ ...cpu, items: result.accepted });
  const { startedAt: _startedAt, endedAt: _endedAt, ...run } = result;
  say(`kafka pause · ${phase}: ${describeRun(run)}`);
  return run;
}

/**
 * POST /applications must not depend on Kafka: the outbox takes what is accepted and the relay
 * publishes it later. prequal-api runs on a broker of the scenario's own; a light load runs with
 * the broker answering, then as long again with the broker frozen (SIGSTOP: its connections stay
 * open and nothing answers, the hardest case for a client), and the p99 of the two are compared.
 * Then the broker goes on and the time until the relay has published the backlog is taken.
 */
export async function runKafkaPauseScenario(context: ScenarioContext): Promise<KafkaPauseResult> {
  const { rate, seconds } = pauseSettings(context);
  say('kafka pause · starting a broker of its own');
  const broker = await createDisposableKafka();
  const removeBroker = onCleanup('the kafka-pause broker', () => broker.destroy());
  try {
    const system = await createIsolatedSystem({ brokers: broker.brokers });
    try {
      const api = await system.start('prequal-api');
      await warmUp(system, api, { until: 'published' });
      const up = await submit({ system, api, broker }, context, `Kafka up, ${rate}/s for ${seconds} s`);
      for (const node of broker.nodes) node.pause();
      let paused: HttpRun;
      try {
        paused = await submit({ system, api, broker }, context, `broker paused, ${rate}/s for ${seconds} s`);
      } finally {
        for (const node of broker.nodes) node.resume();
      }
      const resumedAt = Date.now();
      const caughtUp = await pollUntil(async () => (await unpublishedCount(system.database)) === 0, {
        timeoutMs: 120_000,
      });
      const caughtUpSeconds = caughtUp ? secondsSince(resumedAt) : undefined;
      say(`kafka pause · broker resumed; outbox published ${caughtUpSeconds ?? '(not within 120)'} s after`);
      const [upP99, pausedP99] = [up.latencyMs?.p99, paused.latencyMs?.p99];
      return {
        offeredRate: rate,
        pauseSeconds: seconds,
        up,
        paused,
        p99Ratio: upP99 && pausedP99 !== undefined ? pausedP99 / upP99 : undefined,
        caughtUpSeconds,
      };
    } finally {
      await system.close();
    }
  } finally {
    await removeBroker();
  }
}
