#!/usr/bin/env node
// `prequal`: the command-line client of prequal-api (run `prequal --help`).
import { setTimeout as sleep } from 'node:timers/promises';
import { findDevApiKey } from './dev-api-key.ts';
import { runCli } from './run-cli.ts';

// A reader that stops early (`| head`) closes the pipe: that ends the command quietly, as with any tool.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit(0);
});

process.exitCode = await runCli(process.argv.slice(2), {
  env: process.env,
  fetch: globalThis.fetch,
  now: Date.now,
  sleep: (ms) => sleep(ms),
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  findDevApiKey: () => findDevApiKey(process.cwd()),
});
