// Which API key the real `prequal` bin sends, from where, and what it says when the API refuses it.
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import test, { type ExecutionContext } from 'ava';
import { application, ID, prequal, startFakeApi } from './helpers/fake-api.ts';

test('the key of --api-key, else of PREQUAL_API_KEY, goes as a bearer token on every request', async (t) => {
  const api = await startFakeApi({ apiKey: 'k-flag' });
  t.teardown(api.close);
  const withFlag = await prequal(
    ['submit', ...application, '--wait', '--api-key', 'k-flag', '--url', api.url],
    {
      env: { PREQUAL_API_KEY: 'k-env' },
    },
  );
  t.is(withFlag.code, 0, withFlag.stderr);
  t.true(api.received.length >= 2, 'the submit and at least one poll');
  t.true(api.received.every((request) => request.authorization === 'Bearer k-flag'));
  const withEnv = await prequal(['status', ID, '--url', api.url], { env: { PREQUAL_API_KEY: 'k-env' } });
  t.is(withEnv.code, 1);
  t.is(api.received.at(-1)?.authorization, 'Bearer k-env');
});

const exec = promisify(execFile);

/** A git repository whose .stack/dev-api-key holds a key, as make run-native leaves it. */
async function repoWithDevKey(t: ExecutionContext, key: string): Promise<string> {
  const root = await mkdtemp(path.join(tmpdir(), 'prequal-repo-'));
  t.teardown(() => rm(root, { recursive: true, force: true }));
  await exec('git', ['init', '--quiet'], { cwd: root });
  await mkdir(path.join(root, '.stack'));
  await writeFile(path.join(root, '.stack', 'dev-api-key'), `${key}\n`);
  await mkdir(path.join(root, 'services'));
  return root;
}

test('without a flag or variable, the key is .stack/dev-api-key at the root of the current git repository', async (t) => {
  const api = await startFakeApi({ apiKey: 'k-dev' });
  t.teardown(api.close);
  const root = await repoWithDevKey(t, 'k-dev');
  const run = await prequal(['status', ID, '--url', api.url], { cwd: path.join(root, 'services') });
  t.is(run.code, 0, run.stderr);
  t.is(api.received[0]?.authorization, 'Bearer k-dev');
});

test('a 401 says the key was not accepted and where it came from, and how to give another', async (t) => {
  const api = await startFakeApi({ apiKey: 'right' });
  t.teardown(api.close);
  const run = await prequal(['get', ID, '--api-key', 'wrong', '--url', api.url]);
  t.is(run.code, 1);
  t.is(
    run.stderr,
    'prequal: the API refused the request: HTTP 401 Unauthorized: no valid API key\n' +
      'prequal: the API did not accept the API key from --api-key; pass another with --api-key KEY or PREQUAL_API_KEY\n',
  );
});

test('a 401 to a request without a key names the ways to give one', async (t) => {
  const api = await startFakeApi({ apiKey: 'right' });
  t.teardown(api.close);
  const outside = await mkdtemp(path.join(tmpdir(), 'prequal-nowhere-'));
  t.teardown(() => rm(outside, { recursive: true, force: true }));
  const run = await prequal(['status', ID, '--url', api.url], { cwd: outside });
  t.is(run.code, 1);
  // Outside any repository prequal still tries its own checkout's dev key, which a developer may have.
  t.regex(run.stderr, /pass (another with )?--api-key KEY or (set )?PREQUAL_API_KEY/);
});
