#!/usr/bin/env node
import path from 'node:path';
import { parseArgs } from 'node:util';
import { RegistryError } from '../registry/registry-client.ts';
import type { CommandResult } from './command-result.ts';
import { runGenerate } from './generate-command.ts';
import { UsageError } from '../usage-error.ts';

const USAGE = `usage: prequal-schemas <command> [options]

commands:
  generate [--check]        write the TypeScript types of schemas/*.avsc (--check: fail when out of date)
  validate                  every schema parses and follows our conventions
  diff --base <git-ref> [--format text|markdown]
                            offline: what changed since <git-ref> and whether each subject's level allows it
  check [--registry URL]    each schema against its subject in the registry
  register [--registry URL] set each subject's compatibility level and register the schemas (idempotent)

options:
  --schemas-dir DIR         the folder of .avsc files (default: the repository's schemas/)
  --registry URL            default: $SCHEMA_REGISTRY_URL, else http://127.0.0.1:8081/apis/ccompat/v7

exit codes: 0 fine, 1 a schema breaks a rule or a compatibility level, 2 usage or environment problem
`;

const schemasDirOption = { 'schemas-dir': { type: 'string' } } as const;
const registryOption = { registry: { type: 'string' }, ...schemasDirOption } as const;

/** Only the command that runs is loaded: `generate` must work even when the generated types do not load. */
async function run(command: string | undefined, args: string[]): Promise<CommandResult | number> {
  switch (command) {
    case 'generate': {
      const { values } = parseArgs({ args, options: { check: { type: 'boolean', default: false } } });
      return runGenerate({ check: values.check });
    }
    case 'validate': {
      const { values } = parseArgs({ args, options: schemasDirOption });
      const { runValidate } = await import('./validate-command.ts');
      return runValidate(dirOf(values));
    }
    case 'diff': {
      const options = {
        base: { type: 'string' },
        format: { type: 'string', default: 'text' },
        ...schemasDirOption,
      } as const;
      const { values } = parseArgs({ args, options });
      if (!values.base) throw new UsageError('diff needs --base <git-ref>');
      if (values.format !== 'text' && values.format !== 'markdown')
        throw new UsageError('--format is text or markdown');
      const { runDiff } = await import('./diff-command.ts');
      return runDiff({ base: values.base, format: values.format, ...dirOf(values) });
    }
    case 'check':
    case 'register': {
      const { values } = parseArgs({ args, options: registryOption });
      const options = { ...dirOf(values), ...(values.registry ? { registryUrl: values.registry } : {}) };
      if (command === 'check') return (await import('./check-command.ts')).runCheck(options);
      return (await import('./register-command.ts')).runRegister(options);
    }
    default:
      if (command !== undefined && command !== '--help') throw new UsageError(`unknown command ${command}`);
      process.stdout.write(USAGE);
      return 0;
  }
}

function dirOf(values: { 'schemas-dir'?: string | undefined }): { schemasDir?: string } {
  return values['schemas-dir'] ? { schemasDir: path.resolve(values['schemas-dir']) } : {};
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    const outcome = await run(command, rest);
    if (typeof outcome === 'number') return outcome;
    process.stdout.write(outcome.output);
    return outcome.exitCode;
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`prequal-schemas: ${error.message}`);
      return 2;
    }
    if (error instanceof RegistryError) {
      console.error(`prequal-schemas: the schema registry answered HTTP ${error.status}: ${error.message}`);
      return 2;
    }
    if (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS')) {
      console.error(`prequal-schemas: ${error.message}\n\n${USAGE}`);
      return 2;
    }
    throw error;
  }
}

process.exitCode = await main(process.argv.slice(2));
