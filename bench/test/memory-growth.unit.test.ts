import test from 'ava';
import { memoryGrowth, type MemorySample } from '../src/soak/memory-growth.ts';

const MIB = 2 ** 20;

/** A reading every 10 s for `minutes`, RSS from `rss(atSeconds)` MiB, heap a third of it. */
function samples(minutes: number, rss: (atSeconds: number) => number): MemorySample[] {
  return Array.from({ length: minutes * 6 }, (_, i) => {
    const atSeconds = i * 10;
    return { atSeconds, rssBytes: rss(atSeconds) * MIB, heapUsedBytes: (rss(atSeconds) / 3) * MIB };
  });
}

test('growth is measured from the minute after the warm-up to the last minute, not from the start', (t) => {
  // Fast growth in the first 5 minutes (caches, JIT), then flat at 200 MiB.
  const growth = memoryGrowth(
    samples(30, (s) => (s < 300 ? 100 + s / 3 : 200)),
    300,
  );
  t.is(growth?.rssAtFromBytes, 200 * MIB);
  t.is(growth?.rssAtEndBytes, 200 * MIB);
  t.is(growth?.rssGrowth, 0);
});

test('a steady leak shows as the growth between the two minutes', (t) => {
  const growth = memoryGrowth(
    samples(30, (s) => 200 + s / 30),
    300,
  );
  // Medians of minute 6 (300–350 s: 211.7 MiB) and of the last minute (1,750–1,790 s: 258.8 MiB).
  t.true((growth?.rssGrowth ?? 0) > 0.2 && (growth?.rssGrowth ?? 0) < 0.25);
  t.true((growth?.heapGrowth ?? 0) > 0.2);
});

test('one reading taken before a collection does not decide it: each minute is its median', (t) => {
  const flat = samples(30, () => 200);
  const spiked = flat.map((sample, i) =>
    i === flat.length - 1 ? { ...sample, rssBytes: 400 * MIB } : sample,
  );
  t.is(memoryGrowth(spiked, 300)?.rssGrowth, 0);
});

test('a run too short to have both minutes has no growth figure', (t) => {
  t.is(
    memoryGrowth(
      samples(2, () => 200),
      300,
    ),
    undefined,
  );
  t.is(memoryGrowth([], 300), undefined);
});
