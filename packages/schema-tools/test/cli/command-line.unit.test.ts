import { readFileSync } from 'node:fs';
import path from 'node:path';
import test from 'ava';
import { runCli } from '../helpers/run-cli.ts';

const COMMANDS = ['generate', 'validate', 'diff', 'check', 'register', 'download', 'set-compatibility'];

for (const command of COMMANDS) {
  test(`${command} -h and --help print its usage and options to stdout (exit 0)`, async (t) => {
    for (const flag of ['-h', '--help']) {
      const { code, stdout, stderr } = await runCli([command, flag]);

      t.is(code, 0, stderr);
      t.is(stderr, '');
      t.true(stdout.startsWith(`Usage: prequal-schemas ${command} [options]`), stdout);
      t.regex(stdout, /Exit codes:\n {2}0 {2}fine/);
    }
  });
}

test('--version prints the version of the package (exit 0)', async (t) => {
  const { version } = JSON.parse(
    readFileSync(path.resolve(import.meta.dirname, '../../package.json'), 'utf8'),
  ) as { version: string };

  const { code, stdout } = await runCli(['--version']);

  t.is(code, 0);
  t.is(stdout, `${version}\n`);
});

test('without a command, and with --help, the usage lists every command (exit 0)', async (t) => {
  for (const args of [[], ['--help'], ['-h']]) {
    const { code, stdout } = await runCli(args);

    t.is(code, 0);
    for (const command of COMMANDS) t.regex(stdout, new RegExp(`^ {2}${command} `, 'm'));
  }
});

const mistakes: [args: string[], message: RegExp][] = [
  [['validate', '--colour'], /unknown option '--colour'/],
  [
    ['diff', '--base', 'HEAD', '--format', 'xml'],
    /argument 'xml' is invalid\. Allowed choices are text, markdown, json, github-actions/,
  ],
  [['download', '--version', 'first'], /a version number \(1, 2, …\) or latest/],
  [['set-compatibility'], /required option '--level <level>' not specified/],
  [['approve'], /unknown command 'approve'/],
  [['validate', 'extra'], /too many arguments/],
];

for (const [args, message] of mistakes) {
  test(`\`prequal-schemas ${args.join(' ')}\` is a usage error: the reason on stderr, nothing on stdout (exit 2)`, async (t) => {
    const { code, stdout, stderr } = await runCli(args);

    t.is(code, 2);
    t.is(stdout, '');
    t.regex(stderr, /^prequal-schemas: /);
    t.regex(stderr, message);
  });
}
