import { createMigratedDatabase, freePort } from '@prequal/testkit';
import { onCleanup } from '../cleanup.ts';
import { applicationBodies } from '../load/application-bodies.ts';
import { describeRun, postApplications, type LoadOptions } from '../load/http-load.ts';
import { REPO_ROOT } from '../paths.ts';
import { connectionsForRate, halfMaximum } from '../profile.ts';
import { say } from '../progress.ts';
import type { ApiResult, HttpRun } from '../results.ts';
import { maximumOf, median, roundRatios } from '../stats/maximum.ts';
import { unpublishedCount } from '../system/pipeline-state.ts';
import { healthy, startProcess, type RunningProcess } from '../system/child-process.ts';
import { measureCpu, stackTargets, type CpuTarget } from '../system/cpu-sampler.ts';
import { createIsolatedSystem, type IsolatedSystem } from '../system/isolated-system.ts';
import { pollUntil } from '../wait.ts';
import type { ScenarioContext } from './context.ts';

interface Target {
  readonly name: HttpRun['target'];
  readonly url: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly process: RunningProcess;
  /** Resolves once the target is idle again (our relay has published what the last run wrote). */
  readonly settle: () => Promise<void>;
}

async function startBaseline(databaseUrl: string): Promise<RunningProcess & { url: string }> {
  const port = await freePort();
  const running = await startProcess({
    name: 'baseline-koa-pg',
    script: `${REPO_ROOT}/bench/src/baseline/koa-pg-server.ts`,
    env: { ...process.env, DATABASE_URL: databaseUrl, PORT: String(port), HOST: '127.0.0.1' },
    ready: () => healthy(port),
  });
  return { ...running, url: `http://127.0.0.1:${port}` };
}

async function waitForRelay(system: IsolatedSystem): Promise<void> {
  const idle = await pollUntil(async () => (await unpublishedCount(system.database)) === 0, {
    timeoutMs: 60_000,
  });
  if (!idle) say('api · warning: our outbox relay had not caught up after 60 s');
}

/**
 * POST /applications on prequal-api (as deployed: relay on, production settings) against a
 * minimal Koa + pg endpoint doing the same inserts, each on a fresh database of its own: at the
 * maximum (many connections) and at fixed offered rates, alternating the two.
 */
export async function runApiScenario(context: ScenarioContext): Promise<ApiResult> {
  const { api } = context.profile;
  const system = await createIsolatedSystem();
  const baselineDatabase = await createMigratedDatabase(system.harness.endpoints.databaseUrl, 1);
  const dropBaseline = onCleanup('baseline database', () => baselineDatabase.drop());
  try {
    const ours = await system.start('prequal-api');
    const baseline = await startBaseline(baselineDatabase.url);
    const targets: Target[] = [
      {
        name: 'ours',
        url: ours.url,
        headers: system.authHeaders,
        process: ours,
        settle: () => waitForRelay(system),
      },
      { name: 'baseline', url: baseline.url, process: baseline, settle: () => Promise.resolve() },
    ];
    const runs: HttpRun[] = [];
    const bodies = applicationBodies(42);
    const measure = async (
      target: Target,
      phase: string,
      options: Omit<LoadOptions, 'baseUrl' | 'target' | 'bodies'>,
    ) => {
      await target.settle();
      say(`api · ${phase}`);
      const cpuTargets: CpuTarget[] = [
        {
          name: target.name === 'baseline' ? 'baseline (koa+pg)' : 'prequal-api',
          pids: () => [target.process.pid],
        },
        ...stackTargets(),
      ];
      const { result, cpu } = await measureCpu(`api · ${phase}`, cpuTargets, () =>
        postApplications({
          ...options,
          baseUrl: target.url,
          headers: target.headers,
          target: target.name,
          bodies,
        }),
      );
      context.cpu.push({ ...cpu, items: result.accepted });
      say(`api · ${phase}: ${describeRun(result)}`);
      const { startedAt: _startedAt, endedAt: _endedAt, ...run } = result;
      runs.push(run);
    };

    const warmUp = async (target: Target): Promise<void> => {
      say(`api · warm-up ${target.name} (${api.warmupSeconds} s)`);
      await postApplications({
        baseUrl: target.url,
        headers: target.headers,
        target: target.name,
        bodies,
        connections: 10,
        durationSeconds: api.warmupSeconds,
      });
    };

    for (const target of targets) await warmUp(target);
    // Interleaved rounds: the machine's drift over a run falls on both servers (stats/maximum.ts).
    for (let round = 1; round <= api.maxRounds; round += 1) {
      for (const target of targets) {
        const of = api.maxRounds > 1 ? ` (round ${round} of ${api.maxRounds})` : '';
        await measure(
          target,
          `${target.name} max: ${api.maxConnections} connections for ${api.maxSeconds} s${of}`,
          { connections: api.maxConnections, durationSeconds: api.maxSeconds },
        );
      }
    }
    const oursMaximum = maximumOf(runs, 'ours');
    const halfMaximumRate = oursMaximum ? halfMaximum(oursMaximum) : undefined;
    const rates = [...new Set([...api.fixedRates, ...(halfMaximumRate ? [halfMaximumRate] : [])])].sort(
      (a, b) => a - b,
    );
    for (const rate of rates) {
      for (const target of targets) {
        await measure(target, `${target.name} at ${rate}/s for ${api.fixedSeconds} s`, {
          connections: connectionsForRate(rate),
          durationSeconds: api.fixedSeconds,
          rate,
        });
      }
    }
    if (api.relayOff) {
      await ours.stop();
      const relayOff = await system.start('prequal-api', { RELAY_ENABLED: 'false' });
      const target: Target = {
        name: 'ours-relay-off',
        url: relayOff.url,
        headers: system.authHeaders,
        process: relayOff,
        settle: () => Promise.resolve(),
      };
      await warmUp(target);
      await measure(
        target,
        `ours, relay off, max: ${api.maxConnections} connections for ${api.maxSeconds} s`,
        {
          connections: api.maxConnections,
          durationSeconds: api.maxSeconds,
        },
      );
    }
    await baseline.stop();
    return { runs, maxThroughputRatio: median(roundRatios(runs)), halfMaximumRate };
  } finally {
    await system.close();
    await dropBaseline();
  }
}
