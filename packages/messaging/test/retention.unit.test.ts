import test from 'ava';
import { Registry } from 'prom-client';
import { RetentionJob } from '@prequal/messaging';
import { eventually, memoryLogger } from '@prequal/testkit';

test('a failed clean-up is logged and the next one still runs', async (t) => {
  const { logger, lines } = memoryLogger();
  let calls = 0;
  const job = new RetentionJob({
    tasks: [
      {
        table: 'outbox',
        prune: () => {
          calls += 1;
          return calls === 1 ? Promise.reject(new Error('connection refused')) : Promise.resolve(0);
        },
      },
    ],
    retentionHours: 24,
    logger,
    metrics: new Registry(),
    firstRunDelayMs: 0,
    intervalMs: 10,
  });
  job.start();
  t.teardown(() => job.stop());

  await eventually(() => Promise.resolve(calls >= 2 ? true : undefined), { what: 'a second clean-up' });
  await job.stop();
  t.true(lines().some((line) => JSON.stringify(line).includes('retention: clean-up failed')));
});

test('the cut-off is the clock minus the retention', async (t) => {
  const cutoffs: Date[] = [];
  const job = new RetentionJob({
    tasks: [
      {
        table: 'processed_events',
        prune: (before) => {
          cutoffs.push(before);
          return Promise.resolve(3);
        },
      },
    ],
    retentionHours: 7 * 24,
    clock: () => new Date('2026-11-25T12:00:00Z'),
    logger: memoryLogger().logger,
    metrics: new Registry(),
  });

  t.deepEqual(await job.runOnce(), { processed_events: 3 });
  t.deepEqual(cutoffs, [new Date('2026-11-18T12:00:00Z')]);
});

test('a table whose clean-up fails does not keep the next from its own', async (t) => {
  const cleaned: string[] = [];
  const job = new RetentionJob({
    tasks: [
      { table: 'outbox', prune: () => Promise.reject(new Error('lock timeout')) },
      {
        table: 'processed_events',
        prune: () => {
          cleaned.push('processed_events');
          return Promise.resolve(1);
        },
      },
    ],
    retentionHours: 24,
    logger: memoryLogger().logger,
    metrics: new Registry(),
  });

  await t.throwsAsync(job.runOnce(), { message: 'lock timeout' });
  t.deepEqual(cleaned, ['processed_events']);
});

test('after stop and a new start, only one schedule runs', async (t) => {
  let calls = 0;
  const job = new RetentionJob({
    tasks: [
      {
        table: 'outbox',
        prune: async () => {
          calls += 1;
          await new Promise((resolve) => setTimeout(resolve, 30));
          return 0;
        },
      },
    ],
    retentionHours: 24,
    logger: memoryLogger().logger,
    metrics: new Registry(),
    firstRunDelayMs: 0,
    intervalMs: 50,
  });
  job.start();
  t.teardown(() => job.stop());
  await eventually(() => Promise.resolve(calls >= 1 ? true : undefined), { what: 'a first clean-up' });
  void job.stop(); // not awaited: the round in progress finishes after the new start
  job.start();
  await new Promise((resolve) => setTimeout(resolve, 520));
  await job.stop();

  // One schedule every 50 ms + 30 ms of work gives at most about 8 rounds in 520 ms; two would give twice that.
  t.true(calls <= 9, `${calls} clean-ups`);
});
