/** One reading of a service's memory, `atSeconds` from the start of the load. */
export interface MemorySample {
  readonly atSeconds: number;
  readonly rssBytes: number;
  readonly heapUsedBytes: number | undefined;
}

export interface MemoryGrowth {
  /** Median RSS over the window starting at `fromSeconds` (a minute), and over the last minute. */
  readonly rssAtFromBytes: number;
  readonly rssAtEndBytes: number;
  /** (end − from) / from, as a fraction: the target is under 0.10. */
  readonly rssGrowth: number;
  readonly heapAtFromBytes: number | undefined;
  readonly heapAtEndBytes: number | undefined;
  readonly heapGrowth: number | undefined;
}

function median(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

/**
 * How much a service's memory grew from the minute starting at `fromSeconds` (past the warm-up:
 * caches filled, JIT done, pools at size) to the last minute of the samples. Medians of each
 * minute, so that one reading taken just before a garbage collection does not decide it.
 * Undefined when either window has no sample.
 */
export function memoryGrowth(
  samples: readonly MemorySample[],
  fromSeconds: number,
): MemoryGrowth | undefined {
  const last = Math.max(...samples.map((sample) => sample.atSeconds));
  const within = (start: number) => samples.filter((s) => s.atSeconds >= start && s.atSeconds < start + 60);
  const [early, late] = [within(fromSeconds), samples.filter((s) => s.atSeconds > last - 60)];
  const [rssFrom, rssEnd] = [median(early.map((s) => s.rssBytes)), median(late.map((s) => s.rssBytes))];
  if (rssFrom === undefined || rssEnd === undefined || last - 60 < fromSeconds) return undefined;
  const heap = (window: readonly MemorySample[]) =>
    median(window.flatMap((s) => (s.heapUsedBytes === undefined ? [] : [s.heapUsedBytes])));
  const [heapFrom, heapEnd] = [heap(early), heap(late)];
  return {
    rssAtFromBytes: rssFrom,
    rssAtEndBytes: rssEnd,
    rssGrowth: (rssEnd - rssFrom) / rssFrom,
    heapAtFromBytes: heapFrom,
    heapAtEndBytes: heapEnd,
    heapGrowth: heapFrom && heapEnd !== undefined ? (heapEnd - heapFrom) / heapFrom : undefined,
  };
}
