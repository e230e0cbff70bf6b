import { execFile } from 'node:child_process';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import test from 'ava';

const ROOT = path.resolve(import.meta.dirname, '../..');

interface Machine {
  /** Whether the native stack runs when the test run begins. */
  readonly stackRuns: boolean;
  /** Whether testcontainers finds a Docker engine. */
  readonly engineAnswers: boolean;
  /** The environment the test run is given. */
  readonly env?: Record<string, string>;
}

/**
 * scripts/test-stack.sh as scripts/test.sh uses it (ensure_stack, the tests, release_stack), on a
 * pretend machine: a stand-in stack script that records what it is asked, and a stand-in engine
 * probe, so that no port is touched. Returns the calls made, the endpoints the tests would get and
 * what the run said.
 */
async function testRunOn(machine: Machine) {
  const dir = await mkdtemp(path.join(tmpdir(), 'test-stack-'));
  try {
    const calls = path.join(dir, 'calls');
    const stack = path.join(dir, 'stack.sh');
    await writeFile(
      stack,
      `#!/usr/bin/env bash\necho "$1" >> ${calls}\n[[ $1 != status ]] || ${machine.stackRuns ? 'exit 0' : 'exit 1'}\n`,
    );
    const probe = path.join(dir, 'probe.sh');
    await writeFile(probe, `#!/usr/bin/env bash\nexit ${machine.engineAnswers ? 0 : 1}\n`);
    await Promise.all([chmod(stack, 0o755), chmod(probe, 0o755)]);
    const script = `ROOT=${ROOT}; source scripts/test-stack.sh; ensure_stack || exit 1; trap release_stack EXIT
      echo "endpoints: \${KAFKA_BROKERS:-} \${SCHEMA_REGISTRY_URL:-} \${DATABASE_URL:-}"`;
    const { stdout, stderr } = await promisify(execFile)('bash', ['--norc', '-c', script], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        STACK_SH: stack,
        ENGINE_PROBE: probe,
        STACK_ENV: path.join(dir, 'no-stack.env'),
        ...machine.env,
      },
    });
    const made = (await readFile(calls, 'utf8').catch(() => '')).trim().split('\n').filter(Boolean);
    return { calls: made, endpoints: stdout.replace('endpoints:', '').trim(), said: stderr };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const NATIVE =
  '127.0.0.1:9092 https://127.0.0.1:8081/apis/ccompat/v7 postgres://postgres@127.0.0.1:5432/prequal';

test('on a fresh machine (no stack, no endpoints, no Docker) the run starts the native stack and stops it after', async (t) => {
  const run = await testRunOn({ stackRuns: false, engineAnswers: false });
  t.deepEqual(run.calls, ['status', 'up', 'down']);
  t.is(run.endpoints, NATIVE);
  t.regex(run.said, /starting the native stack/);
  t.regex(run.said, /the native stack this run started is stopped/);
});

test('with KEEP_STACK=1 the stack it started is left running, and the run says so', async (t) => {
  const run = await testRunOn({ stackRuns: false, engineAnswers: false, env: { KEEP_STACK: '1' } });
  t.deepEqual(run.calls, ['status', 'up']);
  t.regex(run.said, /left running \(make stack-down stops it\)/);
});

test('a running native stack is used as it is, and left running', async (t) => {
  const run = await testRunOn({ stackRuns: true, engineAnswers: false });
  t.deepEqual(run.calls, ['status']);
  t.is(run.endpoints, NATIVE);
  t.is(run.said, '');
});

test('with a Docker engine and no native stack, nothing is started: the tests use testcontainers', async (t) => {
  const run = await testRunOn({ stackRuns: false, engineAnswers: true });
  t.deepEqual(run.calls, ['status']);
  t.is(run.endpoints, '');
  t.regex(run.said, /testcontainers/);
});

test('endpoints given in the environment win: the stack is not even asked', async (t) => {
  const env = { KAFKA_BROKERS: 'k:1', SCHEMA_REGISTRY_URL: 'http://r', DATABASE_URL: 'postgres://d' };
  const run = await testRunOn({ stackRuns: false, engineAnswers: false, env });
  t.deepEqual(run.calls, []);
  t.is(run.endpoints, 'k:1 http://r postgres://d');
});

test('a stack that does not start fails the run before any test', async (t) => {
  const error = await t.throwsAsync(
    promisify(execFile)(
      'bash',
      ['--norc', '-c', `ROOT=${ROOT}; source scripts/test-stack.sh; ensure_stack`],
      {
        cwd: ROOT,
        env: { PATH: process.env.PATH ?? '', STACK_SH: 'false', ENGINE_PROBE: 'false' },
      },
    ),
  );
  t.is((error as unknown as { code: number }).code, 1);
});
