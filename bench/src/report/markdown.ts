import type {
  ApiResult,
  BenchResults,
  DrainResult,
  E2eResult,
  HttpRun,
  IdleResult,
  KafkaPauseResult,
  PhaseCpu,
  RelaysResult,
  SerdeRow,
} from '../results.ts';
import { maximumOf, roundRatios } from '../stats/maximum.ts';
import type { LatencySummary } from '../stats/percentiles.ts';
import { decimal, integer, ms, table } from './format.ts';

const TARGET_NAMES = {
  ours: 'prequal-api',
  'ours-relay-off': 'prequal-api, relay off',
  baseline: 'baseline Koa + pg',
} as const;

function machine(results: BenchResults): string {
  const m = results.machine;
  const settings = Object.entries(results.serviceSettings);
  return [
    `${results.startedAt}, ${Math.round(results.durationSeconds)} s, profile \`${results.profile}\`.`,
    `Machine: ${m.cpuModel}, ${m.cores} cores, ${m.memoryGiB} GiB RAM, ${m.os}; Node ${m.node}; ${m.kafka}; ` +
      `${m.postgres}; ${m.registry}. Load average when the run started: ${m.loadAverageAtStart}.`,
    `Service settings: ${settings.length === 0 ? 'the defaults' : settings.map(([key, value]) => `${key}=${value}`).join(', ')}.`,
  ].join('\n');
}

function api(result: ApiResult): string {
  const max = (target: HttpRun['target']): number | undefined => maximumOf(result.runs, target);
  const ratios = roundRatios(result.runs);
  const rounds =
    ratios.length > 1
      ? ` Median of ${ratios.length} interleaved rounds, ratios ${ratios.map((ratio) => decimal(ratio)).join(', ')}.`
      : '';
  const rows = result.runs.map((run) => [
    TARGET_NAMES[run.target],
    run.offeredRate === undefined ? 'max' : `${run.offeredRate}/s`,
    String(run.connections),
    integer(run.throughputPerSecond),
    ms(run.latencyMs?.p50),
    ms(run.latencyMs?.p95),
    ms(run.latencyMs?.p99),
    String(run.non2xx + run.errors),
  ]);
  return [
    '## API: POST /applications',
    '',
    `**prequal-api / baseline at maximum throughput: ${decimal(result.maxThroughputRatio)}** ` +
      `(${integer(max('ours'))}/s against ${integer(max('baseline'))}/s).${rounds}`,
    '',
    ...halfMaximumLine(result),
    table(['server', 'offered', 'connections', 'accepted/s', 'p50 ms', 'p95 ms', 'p99 ms', 'failed'], rows, [
      'l',
      'r',
      'r',
      'r',
      'r',
      'r',
      'r',
      'r',
    ]),
  ].join('\n');
}

/** The p99 of both servers at half of prequal-api's maximum, when the run measured it. */
function halfMaximumLine(result: ApiResult): string[] {
  const rate = result.halfMaximumRate;
  if (rate === undefined) return [];
  const p99 = (target: HttpRun['target']): string =>
    ms(result.runs.find((run) => run.target === target && run.offeredRate === rate)?.latencyMs?.p99);
  return [
    `p99 at half of prequal-api's maximum (${rate}/s): **${p99('ours')} ms** (baseline ${p99('baseline')} ms).`,
    '',
  ];
}

function idle(result: IdleResult): string {
  return [
    `## Idle: the three services with nothing to do, ${result.seconds} s`,
    '',
    `**${decimal(result.totalPercent, 1)}% of a core** for the three together (after a warm-up).`,
    '',
    table(
      ['service', '% of a core'],
      result.services.map((share) => [share.process, decimal(share.percent, 1)]),
      ['l', 'r'],
    ),
  ].join('\n');
}

function kafkaPause(result: KafkaPauseResult): string {
  const row = (name: string, run: HttpRun): string[] => [
    name,
    integer(run.throughputPerSecond),
    ms(run.latencyMs?.p50),
    ms(run.latencyMs?.p95),
    ms(run.latencyMs?.p99),
    ms(run.latencyMs?.max),
    String(run.non2xx + run.errors),
  ];
  return [
    `## API with Kafka paused: POST /applications at ${result.offeredRate}/s, ${result.pauseSeconds} s each`,
    '',
    `**p99 with the broker paused / with it up: ${decimal(result.p99Ratio)}**; ` +
      `the relay had published the backlog ${decimal(result.caughtUpSeconds, 1)} s after the broker went on.`,
    '',
    table(
      ['broker', 'accepted/s', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', 'failed'],
      [row('answering', result.up), row('paused (SIGSTOP)', result.paused)],
      ['l', 'r', 'r', 'r', 'r', 'r', 'r'],
    ),
  ].join('\n');
}

function relays(result: RelaysResult): string {
  return [
    '## Relays: created → published with one and two API instances',
    '',
    "From the application's `created_at` (the API) to its event's Kafka timestamp (the relay's send).",
    '',
    table(
      ['instances', 'offered', 'accepted/s', 'published', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms'],
      result.variants.map((variant) => [
        variant.name,
        `${variant.offeredRate}/s`,
        integer(variant.submission.throughputPerSecond),
        integer(variant.published),
        ms(variant.publishMs?.p50),
        ms(variant.publishMs?.p95),
        ms(variant.publishMs?.p99),
        ms(variant.publishMs?.max),
      ]),
      ['l', 'r', 'r', 'r', 'r', 'r', 'r', 'r'],
    ),
  ].join('\n');
}

function e2e(result: E2eResult): string {
  const { criterion } = result;
  const rows = result.steps.map((step) => [
    `${step.offeredRate}/s`,
    integer(step.submission.throughputPerSecond),
    integer(step.decided),
    ms(step.latencyMs?.p50),
    ms(step.latencyMs?.p95),
    ms(step.latencyMs?.p99),
    integer(step.maxUndecided),
    integer(step.maxOutboxBacklog),
    `${integer(step.maxCreditLag)} / ${integer(step.maxDecisionLag)}`,
    decimal(step.drainSeconds, 1),
    step.verdict.sustained ? 'yes' : `no: ${step.verdict.reasons.join('; ')}`,
  ]);
  const highest = result.highestSustainedRate;
  return [
    '## End to end: submission to decision (applications.created_at → decided_at)',
    '',
    `Highest sustained rate: **${highest === undefined ? 'none of the rates tried' : `${highest} applications/s`}**. ` +
      `Sustained means: the API accepted at least ${criterion.minAchievedFraction * 100}% of the offered rate with no ` +
      `failures, the undecided count grew by at most ${criterion.maxGrowthFraction * 100}% of the offered rate per second ` +
      `over the second half of the load, the load's last answer came at most ${criterion.maxOverrunSeconds} s after its ` +
      `planned end (so no queue built up in front of the API), and the last application was decided at most ` +
      `${criterion.maxDrainSeconds} s after the last one was submitted.`,
    '',
    table(
      [
        'offered',
        'accepted/s',
        'decided',
        'p50 ms',
        'p95 ms',
        'p99 ms',
        'max undecided',
        'max outbox',
        'max lag credit / decision',
        'last decided after last submitted, s',
        'sustained',
      ],
      rows,
      ['r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'l'],
    ),
    ...hops(result),
  ].join('\n');
}

/** Where the time of each step went, hop by hop, when the run measured it. */
function hops(result: E2eResult): string[] {
  const steps = result.steps.filter((step) => step.hopsMs);
  if (steps.length === 0) return [];
  const pair = (summary: LatencySummary | undefined): string => `${ms(summary?.p50)} / ${ms(summary?.p99)}`;
  return [
    '',
    'Hop by hop, p50 / p99 ms: `created_at` → the relay sends LoanApplicationSubmitted (its Kafka ' +
      'timestamp) → credit-service sends CreditReportGenerated → `decided_at`.',
    '',
    table(
      ['offered', 'relay', 'credit-service', 'decision-service'],
      steps.map((step) => [
        `${step.offeredRate}/s`,
        pair(step.hopsMs?.relay),
        pair(step.hopsMs?.credit),
        pair(step.hopsMs?.decision),
      ]),
      ['r', 'r', 'r', 'r'],
    ),
  ];
}

function drain(result: DrainResult): string {
  const runs = [result.relay, result.ours, ...result.baselines];
  const rows = runs.map((run) => [
    run.pipeline,
    integer(run.completed),
    decimal(run.totalSeconds, 1),
    decimal(run.spanSeconds, 1),
    integer(run.perSecond),
  ]);
  return [
    `## Drain: ${integer(result.messages)} applications accepted while the workers were stopped`,
    '',
    `Inserted (rows and outbox events, straight into the database) in ${decimal(result.insertSeconds, 1)} s. ` +
      `**Workers / kafkajs per-message: ${decimal(result.ratio)}× the time** (processing spans).`,
    '',
    table(['pipeline', 'done', 'total s (from start)', 'processing s (first → last)', 'per s'], rows, [
      'l',
      'r',
      'r',
      'r',
      'r',
    ]),
  ].join('\n');
}

function serde(rows: readonly SerdeRow[]): string {
  return [
    '## Serde: our Avro (EventSerde, Confluent wire format) against JSON',
    '',
    table(
      [
        'event',
        'Avro encode/s',
        'JSON encode/s',
        'Avro / JSON',
        'Avro decode/s',
        'JSON decode/s',
        'Avro / JSON',
        'bytes Avro / JSON',
      ],
      rows.map((row) => [
        row.event,
        integer(row.avroEncodePerSecond),
        integer(row.jsonEncodePerSecond),
        decimal(row.avroEncodePerSecond / row.jsonEncodePerSecond),
        integer(row.avroDecodePerSecond),
        integer(row.jsonDecodePerSecond),
        decimal(row.avroDecodePerSecond / row.jsonDecodePerSecond),
        `${integer(row.avroBytes)} / ${integer(row.jsonBytes)}`,
      ]),
      ['l', 'r', 'r', 'r', 'r', 'r', 'r', 'r'],
    ),
    ...sealing(rows),
  ].join('\n');
}

/** What sealing personal data costs per event (it is part of the Avro figures above). */
function sealing(rows: readonly SerdeRow[]): string[] {
  const sealed = rows.filter((row) => row.sealPerSecond && row.openPerSecond);
  if (sealed.length === 0) return [];
  const micros = (perSecond: number | undefined) => decimal(1_000_000 / (perSecond ?? Infinity));
  return [
    '',
    'The Avro figures include sealing the PII-tagged fields (AES-256-GCM, a fresh nonce per field) on',
    'encode and opening them on decode. Alone, that costs:',
    '',
    table(
      ['event', 'seal/s', 'µs per event', 'open/s', 'µs per event'],
      sealed.map((row) => [
        row.event,
        integer(row.sealPerSecond ?? 0),
        micros(row.sealPerSecond),
        integer(row.openPerSecond ?? 0),
        micros(row.openPerSecond),
      ]),
      ['l', 'r', 'r', 'r', 'r'],
    ),
  ];
}

/** Services first, then the stack, then the rest; processes not listed keep their order after them. */
const CPU_COLUMNS = [
  'prequal-api',
  'credit-service',
  'decision-service',
  'baseline (koa+pg)',
  'postgres',
  'kafka',
  'registry',
  'bench process',
  'other',
  'machine',
];

/** CPU time of the pipeline's own processes (the machine's, less `other`) per request or message. */
export function cpuMsPerItem(phase: PhaseCpu): number | undefined {
  if (!phase.items) return undefined;
  const percent = (name: string): number => phase.usage.find((share) => share.process === name)?.percent ?? 0;
  return (((percent('machine') - percent('other')) / 100) * phase.seconds * 1000) / phase.items;
}

function cpu(phases: readonly PhaseCpu[]): string {
  const present = new Set(phases.flatMap((phase) => phase.usage.map((share) => share.process)));
  const known = CPU_COLUMNS.filter((name) => present.has(name));
  const ordered = [
    ...known.slice(0, -2),
    ...[...present].filter((name) => !CPU_COLUMNS.includes(name)),
    ...known.slice(-2),
  ];
  return [
    '## CPU by process during each phase (% of one core; the machine has `cores × 100`)',
    '',
    '`bench process` is the load generator (autocannon) and, in the drain, the kafkajs baseline; `other` is ' +
      'every process not listed (other work on the machine). CPU ms per item: the CPU time of every listed ' +
      'process (load generator included) per request or message of the phase.',
    '',
    table(
      ['phase', ...ordered, 'items', 'CPU ms per item'],
      phases.map((phase) => [
        phase.phase,
        ...ordered.map((name) => {
          const share = phase.usage.find((entry) => entry.process === name);
          return share ? String(Math.round(share.percent)) : '';
        }),
        integer(phase.items),
        decimal(cpuMsPerItem(phase)),
      ]),
      ['l', ...ordered.map(() => 'r' as const), 'r', 'r'],
    ),
  ].join('\n');
}

/** The results as markdown: one section per scenario, then CPU by process and warnings. */
export function renderMarkdown(results: BenchResults): string {
  const sections = [
    `# Benchmark results (${results.profile})`,
    machine(results),
    results.api && api(results.api),
    results.idle && idle(results.idle),
    results.kafkaPause && kafkaPause(results.kafkaPause),
    results.relays && relays(results.relays),
    results.e2e && e2e(results.e2e),
    results.drain && drain(results.drain),
    results.serde && serde(results.serde),
    results.cpu.length > 0 && cpu(results.cpu),
    results.warnings.length > 0 &&
      ['## Warnings', '', ...results.warnings.map((warning) => `- ${warning}`)].join('\n'),
  ];
  return `${sections.filter((section) => typeof section === 'string').join('\n\n')}\n`;
}
