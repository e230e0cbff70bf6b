// `make bench` / `make bench-quick`: runs the scenarios on the running stack, each on topics and a
// database of its own, and writes bench/results. See docs/benchmarks.md.
import { parseArgs } from 'node:util';
import { runCommand, startRun, UsageError } from './command.ts';
import { LOG_DIR } from './paths.ts';
import { PROFILES, type Profile } from './profile.ts';
import { say, secondsSince } from './progress.ts';
import type { BenchResults } from './results.ts';
import { backgroundLoadWarning, problemsOf } from './report/problems.ts';
import { writeResults } from './report/write-results.ts';
import { runApiScenario } from './scenarios/api.ts';
import type { ScenarioContext } from './scenarios/context.ts';
import { runDrainScenario } from './scenarios/drain.ts';
import { runE2eScenario } from './scenarios/e2e.ts';
import { runIdleScenario } from './scenarios/idle.ts';
import { runKafkaPauseScenario } from './scenarios/kafka-pause.ts';
import { runRelaysScenario } from './scenarios/relays.ts';
import { runSerdeScenario } from './scenarios/serde.ts';
import { serviceSettings } from './system/isolated-system.ts';

const SCENARIOS = ['serde', 'idle', 'api', 'kafka-pause', 'relays', 'e2e', 'drain'] as const;
type ScenarioName = (typeof SCENARIOS)[number];

function parseCommandLine(): { profile: Profile; only: Set<ScenarioName>; label: string } {
  const { values } = parseArgs({
    options: {
      profile: { type: 'string', default: 'quick' },
      only: { type: 'string' },
      // The end-to-end rates to step through instead of the profile's (to compare a setting at one rate).
      rates: { type: 'string' },
    },
  });
  const named = PROFILES[values.profile as Profile['name']] as Profile | undefined;
  if (!named) throw new UsageError(`unknown profile ${values.profile}: use quick or full`);
  const rates = values.rates?.split(',').map(Number);
  if (rates?.some((rate) => !Number.isInteger(rate) || rate <= 0))
    throw new UsageError(`--rates takes whole rates per second, comma-separated: ${values.rates}`);
  const profile = rates ? { ...named, e2e: { ...named.e2e, rates } } : named;
  const only = (values.only?.split(',') ?? SCENARIOS) as ScenarioName[];
  const unknown = only.filter((name) => !SCENARIOS.includes(name));
  if (unknown.length > 0)
    throw new UsageError(`unknown scenario ${unknown.join(', ')}: use ${SCENARIOS.join(', ')}`);
  // Only a run of every scenario at the profile's rates may stand for the profile (latest.json).
  const partial = rates !== undefined || only.length < SCENARIOS.length;
  return { profile, only: new Set(only), label: partial ? `${profile.name}-partial` : profile.name };
}

async function main(): Promise<void> {
  const { profile, only, label } = parseCommandLine();
  const { endpoints, started, machine } = await startRun();
  const startedAt = new Date(started).toISOString();
  const context: ScenarioContext = { profile, endpoints, cpu: [], warnings: [] };
  say(
    `${profile.name} run on ${machine.cpuModel}, ${machine.cores} cores, ${machine.node}; logs in ${LOG_DIR}`,
  );

  const run = async <T>(
    name: ScenarioName,
    scenario: (context: ScenarioContext) => Promise<T>,
  ): Promise<T | undefined> => {
    if (!only.has(name)) return undefined;
    const at = Date.now();
    say(`── ${name}`);
    const result = await scenario(context);
    say(`── ${name} done in ${secondsSince(at)} s`);
    return result;
  };
  const serde = await run('serde', runSerdeScenario);
  const idle = await run('idle', runIdleScenario);
  const api = await run('api', runApiScenario);
  const kafkaPause = profile.kafkaPause ? await run('kafka-pause', runKafkaPauseScenario) : undefined;
  const relays = await run('relays', runRelaysScenario);
  const e2e = await run('e2e', runE2eScenario);
  const drain = await run('drain', runDrainScenario);

  const noise = backgroundLoadWarning(context.cpu);
  if (noise) context.warnings.push(noise);
  const results: BenchResults = {
    schema: 1,
    profile: label,
    startedAt,
    finishedAt: new Date().toISOString(),
    durationSeconds: secondsSince(started),
    machine,
    serviceSettings: serviceSettings(),
    serde,
    idle,
    api,
    kafkaPause,
    relays,
    e2e,
    drain,
    cpu: context.cpu,
    warnings: context.warnings,
  };
  const { markdown, files } = await writeResults(results);
  console.log(`\n${markdown}`);
  say(`finished in ${results.durationSeconds} s; wrote ${files.join(', ')}`);
  const problems = problemsOf(results);
  if (problems.length > 0) {
    console.error(`bench: the run found problems:\n  ${problems.join('\n  ')}`);
    process.exitCode = 1;
  }
}

await runCommand('bench', main);
