import { execFile, execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import test from 'ava';

const run = promisify(execFile);
const BIN = fileURLToPath(new URL('../bin/prequal.cjs', import.meta.url));
// An older Node that a shell may find first (Debian's); the launcher hands over to the project's.
const SYSTEM_NODE = '/usr/bin/node';

test('the prequal command runs with this Node', async (t) => {
  const { stdout } = await run(process.execPath, [BIN, '--version']);
  t.regex(stdout, /^\d+\.\d+\.\d+\n$/);
});

const systemMajor = existsSync(SYSTEM_NODE)
  ? Number(execFileSync(SYSTEM_NODE, ['-p', 'process.versions.node'], { encoding: 'utf8' }).split('.')[0])
  : undefined;

(systemMajor !== undefined && systemMajor < 24 ? test : test.skip)(
  'the prequal command runs under an older Node too, through the project’s Node 24',
  async (t) => {
    const { stdout } = await run(SYSTEM_NODE, [BIN, '--version']);
    t.regex(stdout, /^\d+\.\d+\.\d+\n$/);
    const usage = await run(SYSTEM_NODE, [BIN, 'nonsense']).catch((error: unknown) => error);
    t.like(usage, { code: 2 }, 'the exit code of the command itself comes back');
  },
);

(systemMajor !== undefined && systemMajor < 24 ? test : test.skip)(
  'a signal to the launcher under an older Node reaches the command it started, and ends both',
  async (t) => {
    const launcher = fileURLToPath(new URL('../../../scripts/run-typescript.cjs', import.meta.url));
    const sleeper = fileURLToPath(new URL('helpers/sleeper.ts', import.meta.url));
    const child = spawn(
      SYSTEM_NODE,
      ['-e', `require(${JSON.stringify(launcher)})(${JSON.stringify(sleeper)})`],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    const commandPid = await new Promise<number>((resolve) =>
      child.stdout.once('data', (chunk: Buffer) => {
        resolve(Number(chunk.toString().trim()));
      }),
    );
    const ended = new Promise<NodeJS.Signals | null>((resolve) =>
      child.on('exit', (_code, signal) => {
        resolve(signal);
      }),
    );
    child.kill('SIGTERM');
    t.is(await ended, 'SIGTERM', 'the launcher ends as the command did');
    const alive = () => {
      try {
        process.kill(commandPid, 0);
        return true;
      } catch {
        return false;
      }
    };
    t.false(alive(), 'the command was stopped too');
  },
);
