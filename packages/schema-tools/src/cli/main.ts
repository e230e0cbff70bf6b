#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { runGenerate } from './generate-command.ts';

const USAGE = `usage: prequal-schemas <command> [options]

commands:
  generate [--check]   write the TypeScript types of schemas/*.avsc (--check: fail when out of date)
`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'generate': {
      const { values } = parseArgs({ args: rest, options: { check: { type: 'boolean', default: false } } });
      return runGenerate({ check: values.check });
    }
    default:
      console.error(USAGE);
      return command === undefined || command === '--help' ? 0 : 2;
  }
}

process.exitCode = await main(process.argv.slice(2));
