// The real `prequal` bin run as a process, and a small HTTP server that keeps prequal-api's
// contract: 202 + Location, status transitions, problem+json refusals, and (when asked) API keys.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

export const PACKAGE_DIR = path.resolve(import.meta.dirname, '../..');
const { bin } = JSON.parse(readFileSync(path.join(PACKAGE_DIR, 'package.json'), 'utf8')) as {
  bin: { prequal: string };
};
const PREQUAL = path.join(PACKAGE_DIR, bin.prequal);
export const ID = '6f1c2a9e-3b7d-4c1e-9a52-0d8e4f7b1c3a';

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export function prequal(
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

export async function startFakeApi(script: FakeApiScript = {}) {
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

export const application = [
  '--pan',
  'ABCDE1234F',
  '--income',
  '45000.50',
  '--amount',
  '200000',
  '--type',
  'PERSONAL',
];
