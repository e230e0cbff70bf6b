#!/usr/bin/env node
import { CommanderError } from 'commander';
import packageJson from '../../package.json' with { type: 'json' };
import { RegistryError } from '../registry/registry-client.ts';
import { UsageError } from '../usage-error.ts';
import type { CommandResult } from './command-result.ts';
import { createProgram } from './program.ts';

/** Runs one command line: the report on stdout, problems on stderr, the exit code README.md documents. */
async function main(argv: readonly string[]): Promise<number> {
  let exitCode = 0;
  const program = createProgram(packageJson.version, (outcome: CommandResult | number) => {
    if (typeof outcome === 'number') {
      exitCode = outcome;
      return;
    }
    process.stdout.write(outcome.output);
    exitCode = outcome.exitCode;
  });
  try {
    // Without a command, the usage (as --help prints it).
    await program.parseAsync(argv.length === 0 ? ['--help'] : argv, { from: 'user' });
    return exitCode;
  } catch (error) {
    // Commander has printed its message (or the help, or the version).
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    if (error instanceof UsageError) {
      console.error(`prequal-schemas: ${error.message}`);
      return 2;
    }
    if (error instanceof RegistryError) {
      console.error(`prequal-schemas: the schema registry answered HTTP ${error.status}: ${error.message}`);
      return 2;
    }
    throw error;
  }
}

// A reader that stops early (`| head`) closes the pipe: that ends the command quietly, as with any tool.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit(0);
});

process.exitCode = await main(process.argv.slice(2));
