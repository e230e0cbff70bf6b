// Runs the real `prequal` bin as a process against a small HTTP server that keeps prequal-api's
// contract: 202 + Location, status transitions, problem+json refusals.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import test from 'ava';

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

function prequal(args: readonly string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [PREQUAL, ...args], { encoding: 'utf8' }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

interface Received {
  readonly method: string;
  readonly url: string;
  readonly contentType: string | undefined;
  readonly body: string;
}

/** Status answers per poll: the last one repeats. */
interface FakeApiScript {
  readonly statuses?: readonly string[];
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
  if (request.method === 'POST' && request.url === '/applications') {
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
