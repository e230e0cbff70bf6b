// `make bench-faults`: the pipeline under a steady load while faults are injected one after the
// other (worker SIGKILL, rolling deploy, broker stop, registry outage), and how long it takes to
// recover from each. Figures only, no assertions. See docs/benchmarks.md, "Faults".
import { execFileSync } from 'node:child_process';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import prettier from 'prettier';
import { cleanUpAll, installSignalHandlers, wasInterrupted } from '../cleanup.ts';
import { applicationBodies } from '../load/application-bodies.ts';
import { LOG_DIR, REPO_ROOT, RESULTS_DIR } from '../paths.ts';
import { say, secondsSince } from '../progress.ts';
import { compactJson } from '../report/write-results.ts';
import { assertStackUp, benchEndpoints, StackDownError } from '../system/endpoints.ts';
import { serviceSettings } from '../system/isolated-system.ts';
import { measureCpu } from '../system/cpu-sampler.ts';
import { describeMachine } from '../system/machine.ts';
import type { PhaseCpu } from '../results.ts';
import { pendingCount } from '../system/pipeline-state.ts';
import { pollUntil } from '../wait.ts';
import { createFaultSystem, type FaultSystem } from './fault-system.ts';
import { FAULTS } from './faults.ts';
import { renderFaultMarkdown, type FaultBenchResults } from './markdown.ts';
import { runFault, type FaultResult } from './run-fault.ts';
import { startSteadyLoad } from './steady-load.ts';

function commandLine(): { rate: number; only: string[] | undefined } {
  const { values } = parseArgs({
    options: { rate: { type: 'string', default: '50' }, only: { type: 'string' } },
  });
  return { rate: Number(values.rate), only: values.only?.split(',').map((name) => name.trim()) };
}

async function warmUp(faults: FaultSystem): Promise<void> {
  const load = startSteadyLoad({
    baseUrl: faults.services['prequal-api'].url,
    headers: faults.system.authHeaders,
    rate: 20,
    bodies: applicationBodies(20),
  });
  await sleep(3_000);
  await load.stop();
  await pollUntil(async () => (await pendingCount(faults.system.database)) === 0, { timeoutMs: 60_000 });
}

/**
 * The three services' CPU while nothing is submitted, for 20 s: before the faults, and after them
 * (a retry loop left running by a recovery would show here).
 */
async function idleCpu(faults: FaultSystem, phase: string): Promise<PhaseCpu> {
  const targets = Object.keys(faults.services).map((name) => ({
    name,
    pids: () => [faults.services[name as keyof FaultSystem['services']].pid],
  }));
  const { cpu } = await measureCpu(phase, targets, () => sleep(20_000));
  const services = cpu.usage.filter((share) => share.process in faults.services);
  say(
    `faults · ${phase}: ${services.map((share) => `${share.process} ${share.percent}%`).join(', ')} of a core`,
  );
  return cpu;
}

function commit(): string {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: REPO_ROOT, encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}

async function writeFaultResults(results: FaultBenchResults): Promise<{ markdown: string; files: string[] }> {
  await mkdir(RESULTS_DIR, { recursive: true });
  const format = async (text: string, name: string): Promise<string> => {
    const filepath = path.join(RESULTS_DIR, name);
    return prettier.format(text, { ...(await prettier.resolveConfig(filepath)), filepath });
  };
  const stamp = results.startedAt.replaceAll(':', '-').replace(/\.\d+Z$/, 'Z');
  const json = await format(compactJson(results), 'faults-latest.json');
  const markdown = await format(renderFaultMarkdown(results), 'faults-latest.md');
  const files = { [`${stamp}-faults.json`]: json, 'faults-latest.json': json, 'faults-latest.md': markdown };
  for (const [name, content] of Object.entries(files)) await writeFile(path.join(RESULTS_DIR, name), content);
  return { markdown, files: Object.keys(files).map((name) => path.join('bench/results', name)) };
}

async function main(): Promise<void> {
  installSignalHandlers();
  const { rate, only } = commandLine();
  const selected = FAULTS.filter((fault) => !only || only.some((name) => fault.name.includes(name)));
  const endpoints = benchEndpoints();
  process.env.SCHEMA_REGISTRY_URL = endpoints.schemaRegistryUrl;
  process.env.DATABASE_URL = endpoints.databaseUrl;
  await assertStackUp(endpoints);
  await rm(LOG_DIR, { recursive: true, force: true });
  await mkdir(LOG_DIR, { recursive: true });
  const started = Date.now();
  const machine = await describeMachine(endpoints);
  say(`faults run on ${machine.cpuModel}, ${machine.cores} cores; logs in ${LOG_DIR}`);
  const faults = await createFaultSystem(endpoints);
  const outcomes: FaultResult[] = [];
  const idle: PhaseCpu[] = [];
  try {
    say('faults · services up on the benchmark’s own broker; warm-up');
    await warmUp(faults);
    idle.push(await idleCpu(faults, 'idle before the faults'));
    for (const fault of selected) {
      outcomes.push(
        await runFault(faults, fault, {
          rate,
          beforeSeconds: 10,
          afterSeconds: 25,
          drainTimeoutSeconds: 120,
        }),
      );
      await sleep(3_000);
    }
    idle.push(await idleCpu(faults, 'idle after the faults'));
  } finally {
    await faults.close();
  }
  const results: FaultBenchResults = {
    schema: 1,
    kind: 'faults',
    startedAt: new Date(started).toISOString(),
    finishedAt: new Date().toISOString(),
    commit: commit(),
    machine,
    serviceSettings: serviceSettings(),
    faults: outcomes,
    idle,
  };
  const { markdown, files } = await writeFaultResults(results);
  console.log(`\n${markdown}`);
  say(`finished in ${secondsSince(started)} s; wrote ${files.join(', ')}`);
  if (outcomes.some((outcome) => outcome.figures.undecided > 0)) {
    console.error('bench-faults: some applications were never decided');
    process.exitCode = 1;
  }
}

try {
  await main();
} catch (error) {
  if (!wasInterrupted()) {
    console.error(error instanceof StackDownError ? `bench-faults: ${error.message}` : error);
    await cleanUpAll();
    process.exit(error instanceof StackDownError ? 2 : 1);
  }
}
