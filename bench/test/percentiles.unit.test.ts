import test from 'ava';
import { percentile, summarize } from '../src/stats/percentiles.ts';

const oneToHundred = Array.from({ length: 100 }, (_, index) => index + 1);

test('the nearest-rank percentiles of 1..100 are the values themselves', (t) => {
  t.is(percentile(oneToHundred, 50), 50);
  t.is(percentile(oneToHundred, 95), 95);
  t.is(percentile(oneToHundred, 99), 99);
  t.is(percentile(oneToHundred, 100), 100);
});

test('a percentile rounds the rank up: p50 of four values is the second', (t) => {
  t.is(percentile([10, 20, 30, 40], 50), 20);
  t.is(percentile([10, 20, 30, 40], 51), 30);
});

test('p99 of fewer than a hundred values is the largest', (t) => {
  t.is(percentile([1, 2, 3, 1000], 99), 1000);
});

test('a single value is every percentile', (t) => {
  t.like(summarize([7]), { count: 1, mean: 7, p50: 7, p95: 7, p99: 7, max: 7 });
});

test('summarize sorts its input numerically, not as text', (t) => {
  t.like(summarize([100, 9, 20, 3]), { p50: 9, max: 100, mean: 33 });
});

test('there is no summary of no values, and no percentile of them', (t) => {
  t.is(summarize([]), undefined);
  t.throws(() => percentile([], 50), { instanceOf: RangeError });
});

test('a percentile outside (0, 100] is refused', (t) => {
  t.throws(() => percentile([1], 0), { instanceOf: RangeError });
  t.throws(() => percentile([1], 101), { instanceOf: RangeError });
});
