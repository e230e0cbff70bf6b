import { PassThrough } from 'node:stream';
import test from 'ava';
import Joi from 'joi';
import { loadConfig, runService, serviceSettings, type Part } from '@prequal/service-kit';

const schema = Joi.object({
  ...serviceSettings(0),
  PORT: Joi.number().port().required().description('the port'),
});
interface Config {
  LOG_LEVEL: 'info';
  SHUTDOWN_TIMEOUT_MS: number;
}

function harness(env: NodeJS.ProcessEnv) {
  const exits: number[] = [];
  const out = new PassThrough();
  const errOut = new PassThrough();
  const text = (stream: PassThrough) => String(stream.read() ?? '');
  return {
    exits,
    logs: () => text(out),
    errors: () => text(errOut),
    options: {
      loadConfig: () => loadConfig(schema, env) as unknown as Config,
      exit: (code: number) => exits.push(code),
      out,
      errOut,
    },
  };
}

test('an invalid configuration exits 1 with one line naming the variable, before anything starts', async (t) => {
  const run = harness({ PORT: 'eighty' });
  let started = false;
  const shutdown = await runService({
    name: 'svc',
    ...run.options,
    start: () => {
      started = true;
      return Promise.resolve({});
    },
  });
  t.is(shutdown, undefined);
  t.false(started);
  t.deepEqual(run.exits, [1]);
  t.is(run.errors(), 'svc: invalid configuration:\n  PORT: must be a number (the port)\n');
});

test('a failed start-up exits 1 with a fatal log record carrying the cause', async (t) => {
  const run = harness({ PORT: '3000' });
  const shutdown = await runService({
    name: 'svc',
    ...run.options,
    start: () => Promise.reject(new Error('listen EADDRINUSE: address already in use 127.0.0.1:3000')),
  });
  t.is(shutdown, undefined);
  t.deepEqual(run.exits, [1]);
  const record = JSON.parse(run.logs()) as { level: number; msg: string; err: { message: string } };
  t.is(record.level, 60);
  t.is(record.msg, 'svc could not start');
  t.regex(record.err.message, /EADDRINUSE/);
});

test('a started service stops its parts, the last started first, and exits 0', async (t) => {
  const run = harness({ PORT: '3000' });
  const stopped: string[] = [];
  const part = (name: string): Part<string> => ({
    name,
    start: () => Promise.resolve(name),
    stop: (value) => {
      stopped.push(value);
      return Promise.resolve();
    },
  });
  const shutdown = await runService({
    name: 'svc',
    ...run.options,
    start: async (_config, host) => {
      await host.start(part('pool'));
      await host.start(part('server'));
      return { port: 3000 };
    },
  });
  t.deepEqual(run.exits, []);
  const record = JSON.parse(run.logs()) as { msg: string; port: number };
  t.is(record.msg, 'svc started');
  t.is(record.port, 3000);
  await shutdown?.('test');
  t.deepEqual(stopped, ['server', 'pool']);
  t.deepEqual(run.exits, [0]);
});

test('a start-up that fails halfway stops what had started, then exits 1', async (t) => {
  const run = harness({ PORT: '3000' });
  const stopped: string[] = [];
  const shutdown = await runService({
    name: 'svc',
    ...run.options,
    start: async (_config, host) => {
      await host.start({
        name: 'pool',
        start: () => Promise.resolve('pool'),
        stop: (value) => {
          stopped.push(value);
          return Promise.resolve();
        },
      });
      throw new Error('the broker refused our password');
    },
  });
  t.is(shutdown, undefined);
  t.deepEqual(stopped, ['pool']);
  t.deepEqual(run.exits, [1]);
});
