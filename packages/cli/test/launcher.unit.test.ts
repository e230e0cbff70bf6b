import { execFile, execFileSync } from 'node:child_process';
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
