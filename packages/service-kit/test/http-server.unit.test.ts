import { Agent, request } from 'node:http';
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
