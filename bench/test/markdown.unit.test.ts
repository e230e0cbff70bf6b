import test from 'ava';
import { halfMaximum } from '../src/profile.ts';
import { renderMarkdown } from '../src/report/markdown.ts';
import { backgroundLoadWarning, problemsOf } from '../src/report/problems.ts';
import { compactJson, latestNames } from '../src/report/write-results.ts';
import { latencyPanels, logTicks, renderLatencySvg } from '../src/report/svg.ts';
import type { BenchResults, HttpRun } from '../src/results.ts';
import { DEFAULT_CRITERION } from '../src/stats/bounded.ts';

const latency = (p50: number) => ({ count: 100, mean: p50, p50, p95: p50 * 2, p99: p50 * 3, max: p50 * 4 });

function run(overrides: Partial<HttpRun>): HttpRun {
  return {
    target: 'ours',
    offeredRate: undefined,
    connections: 50,
    durationSeconds: 10,
    accepted: 6000,
    throughputPerSecond: 600,
    non2xx: 0,
    errors: 0,
    timeouts: 0,
    latencyMs: latency(40),
    ...overrides,
  };
}

const results: BenchResults = {
  schema: 1,
  profile: 'quick',
  startedAt: '2026-11-25T08:00:00.000Z',
  finishedAt: '2026-11-25T08:02:00.000Z',
  durationSeconds: 120,
  machine: {
    cpuModel: 'AMD EPYC',
    cores: 2,
    memoryGiB: 23.5,
    os: 'Linux 6',
    node: 'v24.21.0',
    kafka: 'Apache Kafka 4.1.1',
    postgres: 'PostgreSQL 15.18',
    registry: 'Apicurio Registry 3.3.3',
    loadAverageAtStart: 0.2,
  },
  serviceSettings: { PARTITIONS_CONSUMED_CONCURRENTLY: '6' },
  serde: [
    {
      event: 'LoanApplicationSubmitted',
      avroEncodePerSecond: 100_000,
      jsonEncodePerSecond: 200_000,
      avroDecodePerSecond: 300_000,
      jsonDecodePerSecond: 600_000,
      avroBytes: 150,
      jsonBytes: 330,
    },
  ],
  api: {
    runs: [
      run({}),
      run({ target: 'baseline', throughputPerSecond: 1500, latencyMs: latency(20) }),
      run({ offeredRate: 100, connections: 4, throughputPerSecond: 100, latencyMs: latency(5) }),
      run({
        target: 'baseline',
        offeredRate: 100,
        connections: 4,
        throughputPerSecond: 100,
        latencyMs: latency(2.5),
      }),
    ],
    maxThroughputRatio: 0.4,
  },
  e2e: undefined,
  drain: undefined,
  cpu: [
    {
      phase: 'api · ours max',
      seconds: 10,
      items: 6000,
      usage: [
        { process: 'postgres', percent: 40.4 },
        { process: 'prequal-api', percent: 95.2 },
        { process: 'other', percent: 10 },
        { process: 'machine', percent: 160 },
      ],
    },
  ],
  warnings: ['the machine was busy'],
};

test('the markdown leads the API section with the ratio of the maximum throughputs', (t) => {
  t.regex(
    renderMarkdown(results),
    /\*\*prequal-api \/ baseline at maximum throughput: 0\.40\*\* \(600\/s against 1,500\/s\)/,
  );
});

test('each API run is a row: server, offered rate, connections, throughput and percentiles', (t) => {
  const markdown = renderMarkdown(results);
  t.true(markdown.includes('| prequal-api | max | 50 | 600 | 40.0 | 80.0 | 120 | 0 |'));
  t.true(markdown.includes('| baseline Koa + pg | 100/s | 4 | 100 | 2.5 | 5.0 | 7.5 | 0 |'));
});

test('the machine, the settings tried and the warnings are stated', (t) => {
  const markdown = renderMarkdown(results);
  t.regex(markdown, /AMD EPYC, 2 cores, 23\.5 GiB RAM/);
  t.regex(markdown, /Service settings: PARTITIONS_CONSUMED_CONCURRENTLY=6\./);
  t.regex(markdown, /## Warnings\n\n- the machine was busy/);
});

test('serde rows give Avro against JSON as a ratio and the sizes', (t) => {
  t.true(
    renderMarkdown(results).includes(
      '| LoanApplicationSubmitted | 100,000 | 200,000 | 0.50 | 300,000 | 600,000 | 0.50 | 150 / 330 |',
    ),
  );
});

test('scenarios that did not run have no section', (t) => {
  const markdown = renderMarkdown(results);
  t.false(markdown.includes('## End to end'));
  t.false(markdown.includes('## Drain'));
});

test('CPU columns put the services before the stack and the machine total last', (t) => {
  t.true(
    renderMarkdown(results).includes(
      '| phase | prequal-api | postgres | other | machine | items | CPU ms per item |',
    ),
  );
});

test('CPU per item is the CPU of the listed processes over the phase, per request', (t) => {
  // (160% - 10% other) of a core for 10 s = 15 s of CPU, over 6,000 requests = 2.5 ms each.
  t.true(renderMarkdown(results).includes('| api · ours max | 95 | 40 | 10 | 160 | 6,000 | 2.50 |'));
});

test('the latency chart has a line per percentile for ours and a dashed one for the baseline', (t) => {
  const panels = latencyPanels({
    ...results,
    e2e: { criterion: DEFAULT_CRITERION, steps: [], highestSustainedRate: undefined },
  });
  t.deepEqual(
    panels[0]?.series.map((series) => [series.label, series.dashed, series.points.length]),
    [
      ['prequal-api p50', false, 1],
      ['prequal-api p95', false, 1],
      ['prequal-api p99', false, 1],
      ['baseline p50', true, 1],
      ['baseline p95', true, 1],
      ['baseline p99', true, 1],
    ],
  );
  const svg = renderLatencySvg(panels);
  t.true(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"'));
  t.is(svg.match(/<polyline/g)?.length, 6);
  t.true(svg.includes('no data'));
});

test('log-scale ticks run 1, 2, 5 per decade within the range', (t) => {
  t.deepEqual(logTicks(1, 100), [1, 2, 5, 10, 20, 50, 100]);
  t.deepEqual(logTicks(0.1, 1), [0.1, 0.2, 0.5, 1]);
});

test('a run with non-2xx answers or an unfinished drain has problems; a slow one has none', (t) => {
  t.deepEqual(problemsOf(results), []);
  const rejected = { ...results, api: { runs: [run({ non2xx: 3 })], maxThroughputRatio: undefined } };
  t.deepEqual(problemsOf(rejected), ['api: ours answered 3 requests with a non-2xx status']);
  const drainRun = {
    pipeline: 'workers',
    messages: 10,
    completed: 9,
    totalSeconds: 1,
    spanSeconds: 1,
    perSecond: 9,
  };
  const unfinished = {
    ...results,
    drain: {
      messages: 10,
      insertSeconds: 0,
      relay: { ...drainRun, completed: 10 },
      ours: drainRun,
      baselines: [],
      ratio: 1,
    },
  };
  t.deepEqual(problemsOf(unfinished), ['drain: workers completed 9 of 10']);
});

test('other work on the machine above a fifth of a core on average is flagged as noise', (t) => {
  const phase = (other: number, seconds: number) => ({
    phase: 'p',
    seconds,
    usage: [
      { process: 'other', percent: other },
      { process: 'machine', percent: 150 },
    ],
  });
  t.is(backgroundLoadWarning([phase(10, 30), phase(15, 10)]), undefined);
  t.regex(backgroundLoadWarning([phase(10, 10), phase(50, 30)]) ?? '', /used 40% of a core on average/);
  t.is(backgroundLoadWarning([]), undefined);
});

test('results JSON keeps objects of plain values on one line and reads back the same', (t) => {
  const value = { steps: [{ samples: [{ atSeconds: 0.5, undecided: 3 }] }], name: 'x' };
  const json = compactJson(value);
  t.true(json.includes('{ "atSeconds": 0.5, "undecided": 3 }'));
  t.deepEqual(JSON.parse(json), value);
  t.deepEqual(JSON.parse(compactJson(results)), JSON.parse(JSON.stringify(results)));
});

test('a full run writes the summary files kept in git; a quick run writes its own, git-ignored ones', (t) => {
  t.deepEqual(latestNames('full'), { json: 'latest.json', markdown: 'latest.md', svg: 'latency.svg' });
  t.deepEqual(latestNames('quick'), {
    json: 'latest-quick.json',
    markdown: 'latest-quick.md',
    svg: 'latency-quick.svg',
  });
});

test("the p99 at half of prequal-api's maximum is stated for both servers when it was measured", (t) => {
  t.false(renderMarkdown(results).includes('half of'));
  const withHalf = { ...results, api: { ...results.api, halfMaximumRate: 100 } } as BenchResults;
  t.true(
    renderMarkdown(withHalf).includes(
      "p99 at half of prequal-api's maximum (100/s): **15.0 ms** (baseline 7.5 ms).",
    ),
  );
});

test('half the maximum is rounded to 10/s', (t) => {
  t.is(halfMaximum(1422), 710);
  t.is(halfMaximum(825), 410);
  t.is(halfMaximum(12), 10);
});
