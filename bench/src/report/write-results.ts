import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import prettier from 'prettier';
import { RESULTS_DIR } from '../paths.ts';
import type { BenchResults } from '../results.ts';
import { renderMarkdown } from './markdown.ts';
import { latencyPanels, renderLatencySvg } from './svg.ts';

async function write(files: Record<string, string>): Promise<string[]> {
  await mkdir(RESULTS_DIR, { recursive: true });
  for (const [name, content] of Object.entries(files)) await writeFile(path.join(RESULTS_DIR, name), content);
  return Object.keys(files).map((name) => path.join('bench/results', name));
}

/** Three decimals are plenty for rates, milliseconds and seconds. */
function rounded(_key: string, value: unknown): unknown {
  return typeof value === 'number' && !Number.isInteger(value) ? Math.round(value * 1000) / 1000 : value;
}

/** Indented JSON with each object of plain values (a sample, a percentile summary) on one line. */
export function compactJson(value: unknown): string {
  return JSON.stringify(value, rounded, 2).replace(
    /\{\n\s+([^{}[\]]*?)\n\s+\}/g,
    (_, body: string) => `{ ${body.replace(/\n\s+/g, ' ')} }`,
  );
}

/** Formatted as the repository's Prettier settings say, so the kept files pass `make lint`. */
async function formatted(text: string, filepath: string): Promise<string> {
  const options = await prettier.resolveConfig(filepath);
  return prettier.format(text, { ...options, filepath });
}

/**
 * A command's summary as the JSON of its results and the markdown of its report, formatted, in
 * bench/results: `<latest>.json` and `<latest>.md`, and with `stamped`, a copy of the JSON under
 * the run's start time (`2026-12-01T20-49-00Z-<stamped>.json`). Returns the markdown and the paths.
 */
export async function writeSummary(
  results: { readonly startedAt: string },
  markdown: string,
  { latest, stamped }: { latest: string; stamped?: string },
): Promise<{ markdown: string; files: string[] }> {
  const json = await formatted(compactJson(results), path.join(RESULTS_DIR, `${latest}.json`));
  const report = await formatted(markdown, path.join(RESULTS_DIR, `${latest}.md`));
  const stamp = results.startedAt.replaceAll(':', '-').replace(/\.\d+Z$/, 'Z');
  const files = await write({
    ...(stamped ? { [`${stamp}-${stamped}.json`]: json } : {}),
    [`${latest}.json`]: json,
    [`${latest}.md`]: report,
  });
  return { markdown: report, files };
}

/**
 * The names of a run's summary files: latest.json, latest.md and latency.svg (kept in git) for a
 * full run; with the profile in the name (git-ignored) for any other, so that a quick run (CI's)
 * never replaces the figures that docs/benchmarks.md quotes.
 */
export function latestNames(profile: string): { json: string; markdown: string; svg: string } {
  const suffix = profile === 'full' ? '' : `-${profile}`;
  return { json: `latest${suffix}.json`, markdown: `latest${suffix}.md`, svg: `latency${suffix}.svg` };
}

async function latestFiles(results: BenchResults): Promise<{ json: string; markdown: string; svg: string }> {
  const m = results.machine;
  const names = latestNames(results.profile);
  return {
    json: await formatted(compactJson(results), path.join(RESULTS_DIR, names.json)),
    markdown: await formatted(renderMarkdown(results), path.join(RESULTS_DIR, names.markdown)),
    svg: renderLatencySvg(
      latencyPanels(results),
      `${results.profile} run ${results.startedAt} · ${m.cpuModel}, ${m.cores} cores · Node ${m.node}`,
    ),
  };
}

function byName(results: BenchResults, files: { json: string; markdown: string; svg: string }) {
  const names = latestNames(results.profile);
  return { [names.json]: files.json, [names.markdown]: files.markdown, [names.svg]: files.svg };
}

/** The summary files of a run (see `latestNames`). */
export async function writeLatest(results: BenchResults): Promise<string[]> {
  return write(byName(results, await latestFiles(results)));
}

/**
 * bench/results/<timestamp>-<profile>.json (git-ignored history), and the summary files of the
 * run (see `latestNames`). Returns the markdown.
 */
export async function writeResults(results: BenchResults): Promise<{ markdown: string; files: string[] }> {
  const stamp = results.startedAt.replaceAll(':', '-').replace(/\.\d+Z$/, 'Z');
  const latest = await latestFiles(results);
  const files = await write({
    [`${stamp}-${results.profile}.json`]: latest.json,
    ...byName(results, latest),
  });
  return { markdown: latest.markdown, files };
}
