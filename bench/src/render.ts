// Renders bench/results/latest.md and latency.svg again from a results JSON (default: latest.json),
// e.g. to look at an older run: `node bench/src/render.ts bench/results/<timestamp>-full.json`.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { RESULTS_DIR } from './paths.ts';
import { writeLatest } from './report/write-results.ts';
import type { BenchResults } from './results.ts';

const file = process.argv[2] ?? path.join(RESULTS_DIR, 'latest.json');
const results = JSON.parse(await readFile(file, 'utf8')) as BenchResults;
const written = await writeLatest(results);
console.log(`rendered ${file} into ${written.join(', ')}`);
