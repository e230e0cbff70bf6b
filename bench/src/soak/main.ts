// `make soak`: the pipeline at a steady rate (half the end-to-end knee of the last full run) for
// 30 minutes, sampling every service's RSS and heap, the backlog and the consumer lag, to show
// whether memory stays flat. Figures only, no assertions. See docs/benchmarks.md, "Soak".
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { runCommand, runRecord, startRun } from '../command.ts';
import { wasInterrupted } from '../cleanup.ts';
import { applicationBodies } from '../load/application-bodies.ts';
import { postApplications } from '../load/http-load.ts';
import { RESULTS_DIR } from '../paths.ts';
import { connectionsForRate } from '../profile.ts';
import { formatMs, say, secondsSince } from '../progress.ts';
import { writeSummary } from '../report/write-results.ts';
import type { BenchResults } from '../results.ts';
import { summarize } from '../stats/percentiles.ts';
import { measureCpu, stackTargets } from '../system/cpu-sampler.ts';
import { createIsolatedSystem, type ServiceName } from '../system/isolated-system.ts';
import { applicationsCreatedBetween, pendingCount } from '../system/pipeline-state.ts';
import { pollUntil } from '../wait.ts';
import { memoryGrowth } from './memory-growth.ts';
import { renderSoakMarkdown, type SoakMinute, type SoakResults } from './markdown.ts';
import { sampleSoak } from './sampler.ts';

/** Where growth is measured from: past the warm-up (caches, JIT, pools at size). */
const GROWTH_FROM_SECONDS = 5 * 60;
/** Issue 18's length: long enough for a slow leak to show past the warm-up. */
const FULL_MINUTES = 30;
const SERVICES: readonly ServiceName[] = ['prequal-api', 'credit-service', 'decision-service'];

/** Half the highest rate the last full run sustained end to end, else 200/s. */
async function halfTheKnee(): Promise<number> {
  try {
    const latest = JSON.parse(await readFile(path.join(RESULTS_DIR, 'latest.json'), 'utf8')) as BenchResults;
    const knee = latest.e2e?.highestSustainedRate;
    return knee ? Math.max(10, Math.round(knee / 20) * 10) : 200;
  } catch {
    return 200;
  }
}

async function commandLine(): Promise<{ minutes: number; rate: number }> {
  const { values } = parseArgs({ options: { minutes: { type: 'string' }, rate: { type: 'string' } } });
  return {
    minutes: Number(values.minutes ?? FULL_MINUTES),
    rate: values.rate ? Number(values.rate) : await halfTheKnee(),
  };
}

/** Only a full-length run replaces the summary kept in git (soak-latest.*); a shorter one, which
 * shows that the soak works, is kept beside it (git-ignored), as a quick bench run is. */
function summaryName(minutes: number): string {
  return minutes >= FULL_MINUTES ? 'soak-latest' : 'soak-short';
}

async function main(): Promise<void> {
  const { minutes, rate } = await commandLine();
  const { started, machine } = await startRun();
  say(`soak: ${rate} applications/s for ${minutes} min on ${machine.cpuModel}, ${machine.cores} cores`);
  const system = await createIsolatedSystem();
  try {
    const running = {
      'credit-service': await system.start('credit-service'),
      'decision-service': await system.start('decision-service'),
      'prequal-api': await system.start('prequal-api'),
    };
    const sampler = sampleSoak(system, running);
    const loadStarted = Date.now();
    const body = applicationBodies(rate);
    const perMinute: SoakMinute[] = [];
    const { cpu } = await measureCpu(
      `soak · ${rate}/s`,
      [...SERVICES.map((name) => ({ name, pids: () => [running[name].pid] })), ...stackTargets()],
      async () => {
        for (let minute = 1; minute <= minutes && !wasInterrupted(); minute += 1) {
          const run = await postApplications({
            baseUrl: running['prequal-api'].url,
            headers: system.authHeaders,
            target: 'ours',
            bodies: body,
            connections: connectionsForRate(rate),
            durationSeconds: 60,
            rate,
          });
          const memory = sampler.latest();
          perMinute.push({
            minute,
            accepted: run.accepted,
            failed: run.non2xx + run.errors,
            postP99Ms: run.latencyMs?.p99,
            ...sampler.backlogSince(run.startedAt),
          });
          say(
            `soak · minute ${minute}: ${run.accepted} accepted, POST p99 ${formatMs(run.latencyMs?.p99)} ms; RSS ` +
              SERVICES.map((name) => `${name} ${Math.round((memory[name] ?? 0) / 2 ** 20)} MB`).join(', '),
          );
        }
      },
    );
    const loadEnded = Date.now();
    await pollUntil(async () => (await pendingCount(system.database)) === 0, { timeoutMs: 120_000 });
    await sleep(1_000);
    const samples = await sampler.stop();
    const window = await applicationsCreatedBetween(
      system.database,
      new Date(loadStarted),
      new Date(loadEnded),
    );
    const memory = Object.fromEntries(SERVICES.map((name) => [name, samples.memory[name] ?? []]));
    const results: SoakResults = {
      ...runRecord('soak', started, machine),
      rate,
      minutes,
      growthFromSeconds: GROWTH_FROM_SECONDS,
      growth: Object.fromEntries(
        SERVICES.map((name) => [name, memoryGrowth(memory[name] ?? [], GROWTH_FROM_SECONDS)]),
      ),
      perMinute,
      e2eMs: summarize(window.latenciesMs),
      undecidedAtEnd: window.undecided,
      cpu,
      memory,
      backlog: samples.backlog,
    };
    const { markdown, files } = await writeSummary(results, renderSoakMarkdown(results), {
      latest: summaryName(results.minutes),
      stamped: 'soak',
    });
    console.log(`\n${markdown}`);
    say(`finished in ${secondsSince(started)} s; wrote ${files.join(', ')}`);
    if (window.undecided > 0) {
      console.error(`soak: ${window.undecided} applications were never decided`);
      process.exitCode = 1;
    }
  } finally {
    await system.close();
  }
}

await runCommand('soak', main);
