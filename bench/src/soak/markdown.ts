import { decimal, integer, ms, table } from '../report/format.ts';
import type { PhaseCpu, RunRecord } from '../results.ts';
import type { LatencySummary } from '../stats/percentiles.ts';
import type { ServiceName } from '../system/isolated-system.ts';
import type { MemoryGrowth, MemorySample } from './memory-growth.ts';
import type { BacklogPeak, BacklogReading } from './sampler.ts';

/** One minute of the soak's load: what was accepted, and how far behind the pipeline got. */
export interface SoakMinute extends BacklogPeak {
  readonly minute: number;
  readonly accepted: number;
  readonly failed: number;
  readonly postP99Ms: number | undefined;
}

export interface SoakResults extends RunRecord<'soak'> {
  readonly rate: number;
  readonly minutes: number;
  readonly growthFromSeconds: number;
  /** Undefined for a service when the run was too short to have both windows. */
  readonly growth: Readonly<Record<string, MemoryGrowth | undefined>>;
  readonly perMinute: readonly SoakMinute[];
  /** created_at → decided_at of every application of the load. */
  readonly e2eMs: LatencySummary | undefined;
  readonly undecidedAtEnd: number;
  readonly cpu: PhaseCpu;
  readonly memory: Readonly<Record<string, readonly MemorySample[]>>;
  readonly backlog: readonly BacklogReading[];
}

const MIB = 2 ** 20;
const mib = (bytes: number | undefined): string => (bytes === undefined ? '–' : integer(bytes / MIB));
const percent = (fraction: number | undefined): string =>
  fraction === undefined ? '–' : `${fraction >= 0 ? '+' : ''}${decimal(fraction * 100, 1)}%`;

/** The soak as markdown: memory growth per service (the target: RSS under +10%), then minute by minute. */
export function renderSoakMarkdown(results: SoakResults): string {
  const services = Object.keys(results.memory) as ServiceName[];
  const from = results.growthFromSeconds / 60;
  return [
    `# Soak: ${results.rate} applications/s for ${results.minutes} min`,
    '',
    `${results.startedAt} to ${results.finishedAt}, commit ${results.commit}; ${results.machine.cpuModel}, ` +
      `${results.machine.cores} cores; load average ${results.machine.loadAverageAtStart} at the start.`,
    '',
    `## Memory: the median of minute ${from + 1} against the median of the last minute`,
    '',
    table(
      [
        'service',
        `RSS min ${from + 1}, MiB`,
        'RSS end, MiB',
        'RSS growth',
        `heap min ${from + 1}, MiB`,
        'heap end, MiB',
        'heap growth',
      ],
      services.map((name) => {
        const growth = results.growth[name];
        return [
          name,
          mib(growth?.rssAtFromBytes),
          mib(growth?.rssAtEndBytes),
          percent(growth?.rssGrowth),
          mib(growth?.heapAtFromBytes),
          mib(growth?.heapAtEndBytes),
          percent(growth?.heapGrowth),
        ];
      }),
      ['l', 'r', 'r', 'r', 'r', 'r', 'r'],
    ),
    '',
    results.minutes * 60 < results.growthFromSeconds + 60
      ? `The run was shorter than ${from + 1} minutes: no growth is judged (a run to show the soak works).`
      : 'The target (issue 18): RSS of each service grows less than 10%.',
    '',
    `End to end, created → decided: p50 ${ms(results.e2eMs?.p50)} ms, p99 ${ms(results.e2eMs?.p99)} ms, ` +
      `max ${ms(results.e2eMs?.max)} ms; ${integer(results.undecidedAtEnd)} undecided at the end.`,
    '',
    '## Minute by minute',
    '',
    table(
      [
        'minute',
        'accepted',
        'failed',
        'POST p99 ms',
        'max undecided',
        'max outbox',
        'max credit lag',
        'max decision lag',
      ],
      results.perMinute.map((row) => [
        String(row.minute),
        integer(row.accepted),
        integer(row.failed),
        ms(row.postP99Ms),
        integer(row.maxUndecided),
        integer(row.maxOutbox),
        integer(row.maxCreditLag),
        integer(row.maxDecisionLag),
      ]),
    ),
    '',
    '## CPU over the whole load (% of one core)',
    '',
    table(
      results.cpu.usage.map((share) => share.process),
      [results.cpu.usage.map((share) => String(Math.round(share.percent)))],
    ),
    '',
  ].join('\n');
}
