// `make bench-faults`: the pipeline under a steady load while faults are injected one after the
// other (worker SIGKILL, rolling deploy, broker stop, registry outage), and how long it takes to
// recover from each. Figures only, no assertions. See docs/benchmarks.md, "Faults".
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { runCommand, runRecord, startRun } from '../command.ts';
import { applicationBodies } from '../load/application-bodies.ts';
import { LOG_DIR } from '../paths.ts';
import { say, secondsSince } from '../progress.ts';
import { writeSummary } from '../report/write-results.ts';
import { measureCpu } from '../system/cpu-sampler.ts';
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

async function main(): Promise<void> {
  const { rate, only } = commandLine();
  const selected = FAULTS.filter((fault) => !only || only.some((name) => fault.name.includes(name)));
  // Its own Kafka: the stack's is not the one measured.
  const { endpoints, started, machine } = await startRun({ stackKafka: false });
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
    ...runRecord('faults', started, machine),
    faults: outcomes,
    idle,
  };
  const { markdown, files } = await writeSummary(results, renderFaultMarkdown(results), {
    latest: 'faults-latest',
    stamped: 'faults',
  });
  console.log(`\n${markdown}`);
  say(`finished in ${secondsSince(started)} s; wrote ${files.join(', ')}`);
  if (outcomes.some((outcome) => outcome.figures.undecided > 0)) {
    console.error('bench-faults: some applications were never decided');
    process.exitCode = 1;
  }
}

await runCommand('bench-faults', main);
