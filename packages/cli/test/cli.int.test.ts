// Runs the real `prequal` bin as a process against a small HTTP server that keeps prequal-api's
// contract: 202 + Location, status transitions, problem+json refusals.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import test, { type ExecutionContext } from 'ava';

const PACKAGE_DIR = path.resolve(import.meta.dirname, '..');
const { bin } = JSON.parse(readFileSync(path.join(PACKAGE_DIR, 'package.json'), 'utf8')) as {
  bin: { prequal: string };
};
const PREQUAL = path.join(PACKAGE_DIR, bin.prequal);
const ID = '6f1c2a9e-3b7d-4c1e-9a52-0d8e4f7b1c3a';

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

function prequal(
  args: readonly string[],
  options: { cwd?: string; env?: Record<string, string | undefined> } = {},
): Promise<Run> {
  const env = { ...process.env, PREQUAL_API_KEY: undefined, ...options.env };
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [PREQUAL, ...args],
      { encoding: 'utf8', cwd: options.cwd, env },
      (error, stdout, stderr) => {
        resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
      },
    );
  });
}

interface Received {
  readonly method: string;
  readonly url: string;
  readonly contentType: string | undefined;
  readonly authorization: string | undefined;
  readonly body: string;
}

/** Status answers per poll: the last one repeats. */
interface FakeApiScript {
  readonly statuses?: readonly string[];
  /** Answer 401 to any request without `Authorization: Bearer <this key>`. */
  readonly apiKey?: string;
}

function send(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  const type = status >= 400 ? 'application/problem+json' : 'application/json';
  response.writeHead(status, { 'content-type': type, ...headers }).end(JSON.stringify(body));
}

function notFound(url: string) {
  return {
    type: 'about:blank',
    title: 'Application not found',
    status: 404,
    detail: `no application at ${url}`,
  };
}

function answer(request: Received, response: ServerResponse, script: FakeApiScript, polls: number) {
  if (script.apiKey !== undefined && request.authorization !== `Bearer ${script.apiKey}`) {
    send(response, 401, {
      type: 'about:blank',
      title: 'Unauthorized',
      status: 401,
      detail: 'no valid API key',
    });
  } else if (request.method === 'POST' && request.url === '/applications') {
    const body = JSON.parse(request.body) as { pan_number?: string };
    if (body.pan_number !== 'ABCDE1234F') {
      send(response, 422, {
        type: 'https://prequal.example/problems/invalid-application',
        title: 'Invalid application',
        status: 422,
        detail: 'the application has invalid fields',
        errors: [{ field: 'pan_number', message: 'pan_number must be an Indian PAN (e.g. ABCDE1234F)' }],
      });
      return;
    }
    send(response, 202, { application_id: ID, status: 'PENDING' }, { location: `/applications/${ID}` });
  } else if (request.method === 'GET' && request.url === `/applications/${ID}/status`) {
    const statuses = script.statuses ?? ['PENDING', 'PRE_APPROVED'];
    send(response, 200, { application_id: ID, status: statuses[Math.min(polls, statuses.length - 1)] });
  } else if (request.method === 'GET' && request.url === `/applications/${ID}`) {
    send(response, 200, {
      application_id: ID,
      status: 'REJECTED',
      cibil_score: 610,
      loan_amount_inr: '200000.00',
    });
  } else {
    send(response, 404, notFound(request.url));
  }
}

async function startFakeApi(script: FakeApiScript = {}) {
  const received: Received[] = [];
  let polls = 0;
  const server = createServer((incoming: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      const request = {
        method: incoming.method ?? '',
        url: incoming.url ?? '',
        contentType: incoming.headers['content-type'],
        authorization: incoming.headers.authorization,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      received.push(request);
      answer(request, response, script, request.url.endsWith('/status') ? polls++ : polls);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => {
          resolve();
        });
      }),
  };
}

const application = [
  '--pan',
  'ABCDE1234F',
  '--income',
  '45000.50',
  '--amount',
  '200000',
  '--type',
  'PERSONAL',
];

test('submit --wait prints the id and PENDING, then each change until the decision', async (t) => {
  const api = await startFakeApi();
  t.teardown(api.close);
  const run = await prequal(['submit', ...application, '--name', 'Asha', '--wait', '--url', api.url]);
  t.is(run.code, 0, run.stderr);
  const lines = run.stdout.trim().split('\n');
  t.is(lines[0], `application ${ID}: PENDING`);
  t.regex(lines[1] ?? '', new RegExp(`^application ${ID}: PRE_APPROVED \\(after \\d+\\.\\d s\\)$`));
  t.is(lines.length, 2);
});

test('the body carries the amounts exactly as typed: decimals as a string, whole rupees as a number', async (t) => {
  const api = await startFakeApi();
  t.teardown(api.close);
  await prequal(['submit', ...application, '--url', api.url]);
  const [post] = api.received;
  t.is(post?.contentType, 'application/json');
  t.is(
    post?.body,
    '{"pan_number":"ABCDE1234F","monthly_income_inr":"45000.50","loan_amount_inr":200000,"loan_type":"PERSONAL"}',
  );
  t.is(api.received.length, 1, 'without --wait nothing is polled');
});

test('a 422 answer exits 1 with the detail and each invalid field', async (t) => {
  const api = await startFakeApi();
  t.teardown(api.close);
  const run = await prequal([
    'submit',
    '--pan',
    'NOTAPAN',
    '--income',
    '1',
    '--amount',
    '2',
    '--url',
    api.url,
  ]);
  t.is(run.code, 1);
  t.is(run.stdout, '');
  t.is(
    run.stderr,
    'prequal: the API refused the request: HTTP 422 Invalid application: the application has invalid fields\n' +
      '  pan_number must be an Indian PAN (e.g. ABCDE1234F)\n',
  );
});

test('an API that is not listening exits 3 and says the connection was refused', async (t) => {
  const api = await startFakeApi();
  await api.close();
  const run = await prequal(['submit', ...application, '--url', api.url]);
  t.is(run.code, 3);
  t.is(run.stderr, `prequal: cannot reach the API at ${api.url}: connection refused\n`);
});

test('a decision that does not come before --timeout exits 4 and says how to check later', async (t) => {
  const api = await startFakeApi({ statuses: ['PENDING'] });
  t.teardown(api.close);
  const run = await prequal(['submit', ...application, '--wait', '--timeout', '1.2', '--url', api.url]);
  t.is(run.code, 4);
  t.is(run.stdout, `application ${ID}: PENDING\n`);
  t.regex(run.stderr, /no final status within 1\.2 s; application .+ is still PENDING/);
  t.regex(run.stderr, new RegExp(`prequal status ${ID}`));
});

test('status prints the current status, get the whole application', async (t) => {
  const api = await startFakeApi({ statuses: ['MANUAL_REVIEW'] });
  t.teardown(api.close);
  const status = await prequal(['status', ID, '--url', api.url]);
  t.is(status.code, 0, status.stderr);
  t.is(status.stdout, `application ${ID}: MANUAL_REVIEW\n`);
  const get = await prequal(['get', ID, '--url', `${api.url}/`]);
  t.is(get.code, 0, get.stderr);
  t.deepEqual(JSON.parse(get.stdout), {
    application_id: ID,
    status: 'REJECTED',
    cibil_score: 610,
    loan_amount_inr: '200000.00',
  });
});

test('an unknown application exits 1 with the 404 problem', async (t) => {
  const api = await startFakeApi();
  t.teardown(api.close);
  const run = await prequal(['status', 'no-such-id', '--url', api.url]);
  t.is(run.code, 1);
  t.regex(run.stderr, /HTTP 404 Application not found: no application at \/applications\/no-such-id\/status/);
});

test('status --json and get --json print one line of JSON each, for scripts', async (t) => {
  const api = await startFakeApi({ statuses: ['MANUAL_REVIEW'] });
  t.teardown(api.close);
  const status = await prequal(['status', ID, '--json', '--url', api.url]);
  const get = await prequal(['get', ID, '--json', '--url', api.url]);
  t.is(status.stdout, `{"application_id":"${ID}","status":"MANUAL_REVIEW"}\n`);
  t.is(get.code, 0, get.stderr);
  t.is(get.stdout.trim().split('\n').length, 1);
  t.like(JSON.parse(get.stdout), { application_id: ID, cibil_score: 610 });
});

test("--version prints the version of package.json; --help and a command's -h print the usage to stdout", async (t) => {
  const { version } = JSON.parse(readFileSync(path.join(PACKAGE_DIR, 'package.json'), 'utf8')) as {
    version: string;
  };
  const runs = await Promise.all(
    [['--version'], ['--help'], ['submit', '-h'], ['get', '--help']].map((a) => prequal(a)),
  );
  t.deepEqual(
    runs.map(({ code, stderr }) => [code, stderr]),
    runs.map(() => [0, '']),
  );
  t.is(runs[0]?.stdout, `${version}\n`);
  for (const run of runs.slice(1)) t.regex(run.stdout, /^usage: prequal <command> \[options\]/);
});

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
