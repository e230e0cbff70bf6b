// `make bench-brokers`: the end-to-end step at one rate (200/s) on a Kafka of one broker and on a
// cluster of three (replication 3, min ISR 2: infra/kafka-cluster.env), one after the other in the
// same run, each a disposable Kafka of the benchmark's own with the same JVM settings, so the two
// figures differ by the replication only. Figures, no assertions. See docs/benchmarks.md.
import os from 'node:os';
import { parseArgs } from 'node:util';
import { createDisposableKafka } from '@prequal/testkit';
import { runCommand, runRecord, startRun } from '../command.ts';
import { onCleanup } from '../cleanup.ts';
import { LOG_DIR } from '../paths.ts';
import { PROFILES } from '../profile.ts';
import { formatMs, say, secondsSince } from '../progress.ts';
import { writeSummary } from '../report/write-results.ts';
import type { E2eStep, RunRecord } from '../results.ts';
import { followPipeline, runStep } from '../scenarios/e2e.ts';
import { warmUp } from '../system/warm-up.ts';
import type { ScenarioContext } from '../scenarios/context.ts';
import { createIsolatedSystem } from '../system/isolated-system.ts';

interface BrokersRun {
  readonly brokers: 1 | 3;
  /** The 1-minute load average before the step started (2 cores: above 2 means queued work). */
  readonly loadAverageBefore: number;
  readonly loadAverageAfter: number;
  readonly step: Omit<E2eStep, 'samples'>;
}

interface BrokersResults extends RunRecord<'brokers'> {
  readonly runs: readonly BrokersRun[];
}

function commandLine(): { rate: number; seconds: number } {
  const { values } = parseArgs({
    options: { rate: { type: 'string', default: '200' }, seconds: { type: 'string', default: '30' } },
  });
  return { rate: Number(values.rate), seconds: Number(values.seconds) };
}

const loadAverage = (): number => Math.round((os.loadavg()[0] ?? 0) * 100) / 100;

/** The services on a disposable Kafka of `brokers` nodes: warm-up, then one step at `rate`. */
async function runOn(brokers: 1 | 3, rate: number, context: ScenarioContext): Promise<BrokersRun> {
  say(`brokers · starting a Kafka of ${brokers} node(s)`);
  const kafka = await createDisposableKafka({ nodes: brokers });
  const removeKafka = onCleanup(`the benchmark’s Kafka of ${brokers}`, () => kafka.destroy());
  try {
    // The harness (topics, groups, lag) and the services work on this Kafka.
    const system = await createIsolatedSystem({ brokers: kafka.brokers });
    const followers = await followPipeline(system);
    try {
      const credit = await system.start('credit-service');
      const decision = await system.start('decision-service');
      const api = await system.start('prequal-api');
      say(`brokers · ${brokers}: services up; warm-up`);
      await warmUp(system, api, { until: 'decided' });
      const loadAverageBefore = loadAverage();
      const { samples: _samples, ...step } = await runStep(system, followers, api, rate, context, [
        api,
        credit,
        decision,
      ]);
      return { brokers, loadAverageBefore, loadAverageAfter: loadAverage(), step };
    } finally {
      await followers.submitted.stop();
      await followers.reports.stop();
      await system.close();
    }
  } finally {
    await removeKafka();
  }
}

function renderMarkdown(results: BrokersResults): string {
  const rows = results.runs.map(({ brokers, step, loadAverageBefore, loadAverageAfter }) =>
    [
      brokers === 1 ? '1 broker (RF 1)' : '3 brokers (RF 3, min ISR 2)',
      `${step.offeredRate}/s for ${step.durationSeconds} s`,
      step.submission.throughputPerSecond.toFixed(1),
      step.decided,
      formatMs(step.latencyMs?.p50),
      formatMs(step.latencyMs?.p95),
      formatMs(step.latencyMs?.p99),
      step.drainSeconds === undefined ? '–' : step.drainSeconds.toFixed(1),
      step.maxOutboxBacklog,
      step.verdict.sustained ? 'yes' : `no (${step.verdict.reasons.join('; ')})`,
      `${loadAverageBefore} → ${loadAverageAfter}`,
    ].join(' | '),
  );
  const m = results.machine;
  return [
    `# End to end on one broker and on three (${results.startedAt})`,
    '',
    `${m.cpuModel}, ${m.cores} cores, Node ${m.node}; each row on a disposable Kafka of its own.`,
    '',
    '| Kafka | offered | accepted/s | decided | p50 ms | p95 ms | p99 ms | drain s | max outbox | sustained | load average |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...rows.map((row) => `| ${row} |`),
    '',
  ].join('\n');
}

async function main(): Promise<void> {
  const { rate, seconds } = commandLine();
  // Its own Kafka: the stack's is not the one measured.
  const { endpoints, started, machine } = await startRun({ stackKafka: false });
  say(`brokers run on ${machine.cpuModel}, ${machine.cores} cores; logs in ${LOG_DIR}`);
  const profile = { ...PROFILES.full, e2e: { ...PROFILES.full.e2e, stepSeconds: seconds } };
  const context: ScenarioContext = { profile, endpoints, cpu: [], warnings: [] };
  const runs = [await runOn(1, rate, context), await runOn(3, rate, context)];
  const results: BrokersResults = {
    ...runRecord('brokers', started, machine),
    runs,
  };
  const { markdown, files } = await writeSummary(results, renderMarkdown(results), {
    latest: 'brokers-latest',
  });
  console.log(`\n${markdown}`);
  say(`finished in ${secondsSince(started)} s; wrote ${files.join(', ')}`);
  if (runs.some(({ step }) => step.undecidedAtEnd > 0)) {
    console.error('bench-brokers: some applications were never decided');
    process.exitCode = 1;
  }
}

await runCommand('bench-brokers', main);
