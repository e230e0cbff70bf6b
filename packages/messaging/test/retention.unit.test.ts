import test from 'ava';
import { Registry } from 'prom-client';
import { RetentionJob } from '@prequal/messaging';
import { eventually, memoryLogger } from '@prequal/testkit';

const DAY = 86_400_000;

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
    retentionMs: DAY,
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
    retentionMs: 7 * DAY,
    clock: () => new Date('2026-11-25T12:00:00Z'),
    logger: memoryLogger().logger,
    metrics: new Registry(),
  });

  t.deepEqual(await job.runOnce(), { processed_events: 3 });
  t.deepEqual(cutoffs, [new Date('2026-11-18T12:00:00Z')]);
});
