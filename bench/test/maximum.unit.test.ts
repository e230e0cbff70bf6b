import test from 'ava';
import type { HttpRun } from '../src/results.ts';
import { maximumOf, median, roundRatios } from '../src/stats/maximum.ts';

const run = (target: HttpRun['target'], throughputPerSecond: number, offeredRate?: number): HttpRun => ({
  target,
  offeredRate,
  connections: 100,
  durationSeconds: 15,
  accepted: throughputPerSecond * 15,
  throughputPerSecond,
  non2xx: 0,
  errors: 0,
  timeouts: 0,
  latencyMs: undefined,
});

test('the median of an odd and of an even count, and of none', (t) => {
  t.is(median([3, 1, 2]), 2);
  t.is(median([4, 1, 3, 2]), 2.5);
  t.is(median([]), undefined);
});

test("each round's ratio compares the two servers' runs of that round; fixed-rate runs do not count", (t) => {
  const runs = [
    run('ours', 900),
    run('baseline', 1_000),
    run('ours', 800),
    run('baseline', 1_000),
    run('ours', 1_200),
    run('baseline', 1_500),
    run('ours', 100, 100),
    run('baseline', 100, 100),
  ];
  t.deepEqual(roundRatios(runs), [0.9, 0.8, 0.8]);
  t.is(median(roundRatios(runs)), 0.8);
  t.is(maximumOf(runs, 'ours'), 900);
  t.is(maximumOf(runs, 'baseline'), 1_000);
  t.is(maximumOf(runs, 'ours-relay-off'), undefined);
});

test('a round without a baseline run has no ratio', (t) => {
  t.deepEqual(roundRatios([run('ours', 900), run('baseline', 1_000), run('ours', 950)]), [0.9]);
});
