import { once } from 'node:events';
import { Agent, request } from 'node:http';
import { connect } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import test from 'ava';
import Koa from 'koa';
import { listen } from '@prequal/service-kit';

function get(
  port: number,
  path: string,
  agent: Agent,
): Promise<{ status: number; connection: string | undefined }> {
  return new Promise((resolve, reject) => {
    request({ host: '127.0.0.1', port, path, agent }, (response) => {
      response.resume();
      response.on('end', () => {
        resolve({ status: response.statusCode ?? 0, connection: response.headers.connection });
      });
    })
      .on('error', reject)
      .end();
  });
}

test('close() lets an in-flight request on a keep-alive connection finish, then closes it', async (t) => {
  const app = new Koa();
  app.use(async (ctx) => {
    if (ctx.path === '/slow') await sleep(300);
    ctx.body = 'ok';
  });
  const running = await listen(app, 0, '127.0.0.1');
  const agent = new Agent({ keepAlive: true });
  t.teardown(() => {
    agent.destroy();
  });
  await get(running.port, '/fast', agent); // the connection is now open and kept alive

  const inFlight = get(running.port, '/slow', agent);
  await sleep(50);
  const started = Date.now();
  const closed = running.close();

  const answer = await inFlight;
  await closed;
  t.is(answer.status, 200);
  t.is(answer.connection, 'close', 'the last response asks the client to close');
  t.true(Date.now() - started < 2000, 'close() did not wait for the keep-alive timeout');
});

test('close() cuts connections still open after the grace period', async (t) => {
  const app = new Koa();
  app.use(async (ctx) => {
    await sleep(5000);
    ctx.body = 'late';
  });
  const running = await listen(app, 0, '127.0.0.1');
  const agent = new Agent({ keepAlive: true });
  t.teardown(() => {
    agent.destroy();
  });
  const hanging = get(running.port, '/', agent).catch((error: unknown) => error);
  await sleep(50);
  const started = Date.now();
  await running.close(200);
  t.true(Date.now() - started < 1500);
  t.true((await hanging) instanceof Error);
});

/** Sends raw bytes and resolves with everything the server wrote before it closed. */
async function raw(port: number, bytes: string): Promise<{ status: number; type: string; body: unknown }> {
  const socket = connect(port, '127.0.0.1');
  await once(socket, 'connect');
  socket.write(bytes);
  const chunks: Buffer[] = [];
  socket.on('data', (chunk: Buffer) => chunks.push(chunk));
  await once(socket, 'close');
  const text = Buffer.concat(chunks).toString();
  const [head = '', body = ''] = text.split('\r\n\r\n');
  return {
    status: Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1]),
    type: /content-type: ([^\r]+)/i.exec(head)?.[1] ?? '',
    body: JSON.parse(body) as unknown,
  };
}

/** Reads the whole request body, then answers ok; an aborted body is not logged. */
function okApp(): Koa {
  const app = new Koa().use(async (ctx) => {
    for await (const _chunk of ctx.req);
    ctx.body = 'ok';
  });
  app.silent = true;
  return app;
}

test('a request Node cannot parse or serve gets a problem+json: 400 bad header or no Host, 431, 501 CONNECT, 417', async (t) => {
  const running = await listen(okApp(), 0, '127.0.0.1');
  t.teardown(() => running.close());
  const badHeader = await raw(running.port, 'GET / HTTP/1.1\r\nHost: a\r\nX-Bad: a\u0001b\r\n\r\n');
  t.like(badHeader, {
    status: 400,
    type: 'application/problem+json',
    body: { status: 400, title: 'Bad Request' },
  });
  const tooLarge = await raw(
    running.port,
    `GET / HTTP/1.1\r\nHost: a\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`,
  );
  t.like(tooLarge, { status: 431, type: 'application/problem+json', body: { status: 431 } });
  const noHost = await raw(running.port, 'GET / HTTP/1.1\r\n\r\n');
  t.like(noHost, { status: 400, type: 'application/problem+json', body: { status: 400 } });
  const tunnel = await raw(running.port, 'CONNECT 127.0.0.1:22 HTTP/1.1\r\nHost: 127.0.0.1:22\r\n\r\n');
  t.like(tunnel, { status: 501, type: 'application/problem+json', body: { status: 501 } });
  const expectation = await raw(
    running.port,
    'GET / HTTP/1.1\r\nHost: a\r\nExpect: 200-ok\r\nConnection: close\r\n\r\n',
  );
  t.like(expectation, { status: 417, type: 'application/problem+json', body: { status: 417 } });
});

test('a client that does not finish its request in time gets a 408 and the connection is closed', async (t) => {
  const running = await listen(okApp(), 0, '127.0.0.1', { headersTimeoutMs: 300, requestTimeoutMs: 600 });
  t.teardown(() => running.close());
  const slowBody = await raw(
    running.port,
    'POST / HTTP/1.1\r\nHost: a\r\nContent-Type: text/plain\r\nContent-Length: 100\r\n\r\nonly part of it',
  );
  t.like(slowBody, { status: 408, type: 'application/problem+json', body: { status: 408 } });
  const slowHeaders = await raw(running.port, 'GET / HTTP/1.1\r\nHost: a\r\n');
  t.like(slowHeaders, { status: 408, body: { status: 408 } });
});

test('an idle keep-alive connection is not a slow client: a request after a pause is served', async (t) => {
  const running = await listen(okApp(), 0, '127.0.0.1', { headersTimeoutMs: 300, requestTimeoutMs: 600 });
  t.teardown(() => running.close());
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  t.teardown(() => {
    agent.destroy();
  });
  let connections = 0;
  running.server.on('connection', () => connections++);
  t.is((await get(running.port, '/', agent)).status, 200);
  await sleep(1_500);
  const again = await get(running.port, '/', agent);
  t.is(again.status, 200);
  t.is(connections, 1, 'the second request went over the same connection');
});
