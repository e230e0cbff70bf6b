import path from 'node:path';
import { Command, InvalidArgumentError, Option } from 'commander';
import { COMPATIBILITY_LEVELS, type CompatibilityLevel } from '../compatibility/compatibility-levels.ts';
import { FORMATS, type Format } from '../report/format.ts';
import { UsageError } from '../usage-error.ts';
import type { CommandResult } from './command-result.ts';
import { DEFAULT_REGISTRY_URL } from './registry-url.ts';

const EXIT_CODES = `
Exit codes:
  0  fine
  1  a finding: a schema breaks a convention or a compatibility level, the registry would refuse
     one, or lacks what was asked for
  2  a usage or environment problem: a bad option, an unknown git ref, no registry at the URL`;

const FORMATS_HELP = `
Formats: text (a terminal), markdown (a review comment or a job summary), json (versioned, see
packages/schema-tools/README.md), github-actions (::error file=…,line=…,col=…:: annotations on the
.avsc lines, for a GitHub Actions step).`;

interface CommonOptions {
  readonly schemasDir?: string;
  readonly registry?: string;
  readonly format?: Format;
}

/**
 * The command line of `prequal-schemas`: per-command options, `-h`/`--help` on each command,
 * `--version`. Each command's module is loaded only when it runs: `generate` must work even when
 * the generated types do not load. `finish` receives what a command printed and its exit code.
 */
export function createProgram(version: string, finish: (outcome: CommandResult | number) => void): Command {
  const program = new Command('prequal-schemas')
    .description("The platform team's tool for the Avro schemas in schemas/")
    .version(version, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help for a command')
    .enablePositionalOptions()
    .exitOverride()
    .configureOutput({
      writeErr: (text) => process.stderr.write(text),
      outputError: (text, write) => {
        write(`prequal-schemas: ${text.replace(/^error: /, '')}`);
      },
    })
    .showHelpAfterError('(add --help for usage)')
    .addHelpText('after', EXIT_CODES);
  const run =
    (action: (options: CommonOptions & Record<string, unknown>) => Promise<CommandResult | number>) =>
    async (options: CommonOptions & Record<string, unknown>) => {
      finish(await action(options));
    };

  program
    .command('generate')
    .description('write the TypeScript types of schemas/*.avsc into packages/events')
    .option('--check', 'only check that the generated file is up to date (exit 1 when not)')
    .action(
      run(async ({ check }) =>
        (await import('./generate-command.ts')).runGenerate({ check: check === true }),
      ),
    );

  withFormat(withSchemasDir(program.command('validate')))
    .description('check that every schema parses and follows our conventions')
    .action(
      run(async (options) =>
        (await import('./validate-command.ts')).runValidate({ ...dirOf(options), ...formatOf(options) }),
      ),
    );

  withFormat(withSchemasDir(program.command('diff')))
    .description("offline: what changed since a git ref, and whether each subject's level allows it")
    .option('--base <git-ref>', 'the ref to compare with: a branch, tag or commit (origin/main, HEAD~1)')
    .action(
      run(async (options) => {
        if (typeof options.base !== 'string') throw new UsageError('diff needs --base <git-ref>');
        const { runDiff } = await import('./diff-command.ts');
        return runDiff({ base: options.base, ...dirOf(options), ...formatOf(options) });
      }),
    );

  withFormat(withRegistry(program.command('check')))
    .description('check each schema against its subject in the registry')
    .action(
      run(async (options) =>
        (await import('./check-command.ts')).runCheck({ ...registryOf(options), ...formatOf(options) }),
      ),
    );

  withRegistry(program.command('register'))
    .description("set each subject's compatibility level, then register the schemas (idempotent)")
    .action(run(async (options) => (await import('./register-command.ts')).runRegister(registryOf(options))));

  withRegistry(program.command('download'))
    .description("write the registry's schemas as .avsc files, laid out as schemas/ is (to diff with it)")
    .option('--subject <subject>', 'one subject (default: the subject of each of our schemas)')
    .option('--version <number|latest>', 'the version to write', parseVersion, 'latest')
    .option('--out <dir>', 'the folder to write into (created when missing)', 'registry-schemas')
    .action(
      run(async (options) => {
        const { runDownload } = await import('./download-command.ts');
        return runDownload({
          ...registryOf(options),
          ...(typeof options.subject === 'string' ? { subject: options.subject } : {}),
          version: options.version as number | 'latest',
          outDir: path.resolve(String(options.out)),
        });
      }),
    );

  withRegistry(program.command('set-compatibility'))
    .description("set a subject's compatibility level (default: each of our subjects)")
    .addOption(new Option('--level <level>', 'the level').choices(COMPATIBILITY_LEVELS).makeOptionMandatory())
    .option('--subject <subject>', 'one subject (default: the subject of each of our schemas)')
    .action(
      run(async (options) => {
        const { runSetCompatibility } = await import('./set-compatibility-command.ts');
        return runSetCompatibility({
          ...registryOf(options),
          level: options.level as CompatibilityLevel,
          ...(typeof options.subject === 'string' ? { subject: options.subject } : {}),
        });
      }),
    );

  for (const command of program.commands) command.addHelpText('after', EXIT_CODES);
  return program;
}

function withSchemasDir(command: Command): Command {
  return command.option(
    '--schemas-dir <dir>',
    "the folder of .avsc files (default: the repository's schemas/)",
  );
}

function withRegistry(command: Command): Command {
  return withSchemasDir(command).option(
    '--registry <url>',
    `the registry (default: $SCHEMA_REGISTRY_URL, else ${DEFAULT_REGISTRY_URL})`,
  );
}

function withFormat(command: Command): Command {
  return command
    .addOption(new Option('--format <format>', 'how to print the report').choices(FORMATS).default('text'))
    .addHelpText('after', FORMATS_HELP);
}

function dirOf({ schemasDir }: CommonOptions): { schemasDir?: string } {
  return schemasDir ? { schemasDir: path.resolve(schemasDir) } : {};
}

function registryOf(options: CommonOptions): { schemasDir?: string; registryUrl?: string } {
  return { ...dirOf(options), ...(options.registry ? { registryUrl: options.registry } : {}) };
}

function formatOf({ format }: CommonOptions): { format?: Format } {
  return format ? { format } : {};
}

function parseVersion(value: string): number | 'latest' {
  if (value === 'latest') return value;
  if (!/^[1-9]\d*$/.test(value)) throw new InvalidArgumentError('a version number (1, 2, …) or latest');
  return Number(value);
}
