import { randomUUID } from 'node:crypto';
import test from 'ava';
import { Registry } from 'prom-client';
import { pruneOutbox, pruneProcessedEvents } from '@prequal/db';
import { RetentionJob } from '@prequal/messaging';
import {
  createMigratedDatabase,
  eventually,
  memoryLogger,
  stack,
  type MigratedDatabase,
} from '@prequal/testkit';

const DAY = 86_400_000;
const now = new Date('2026-11-25T12:00:00Z');
const daysAgo = (days: number): Date => new Date(now.getTime() - days * DAY);

async function addOutboxRow(
  database: MigratedDatabase,
  topic: string,
  createdAt: Date,
  publishedAt: Date | null,
): Promise<string> {
  const eventId = randomUUID();
  await database.orm.em.fork().execute(
    `insert into outbox (topic, message_key, event_id, event_type, correlation_id, payload, created_at, published_at)
     values (?, ?, ?, 'x', 'c', '{}', ?, ?)`,
    [topic, randomUUID(), eventId, createdAt, publishedAt],
  );
  return eventId;
}

async function addProcessed(database: MigratedDatabase, group: string, processedAt: Date): Promise<string> {
  const eventId = randomUUID();
  await database.orm.em
    .fork()
    .execute('insert into processed_events (consumer_group, event_id, processed_at) values (?, ?, ?)', [
      group,
      eventId,
      processedAt,
    ]);
  return eventId;
}

async function remaining(
  database: MigratedDatabase,
  table: 'outbox' | 'processed_events',
): Promise<string[]> {
  const rows = await database.orm.em.fork().execute<{ event_id: string }[]>(`select event_id from ${table}`);
  return rows.map((row) => row.event_id).sort();
}

test('only outbox rows of the given topics published before the cut-off are deleted, in batches', async (t) => {
  const database = await createMigratedDatabase((await stack()).databaseUrl);
  t.teardown(() => database.drop());
  const old = await Promise.all(
    [8, 9, 10, 11, 12].map((days) =>
      addOutboxRow(database, 'loan_decisions_made', daysAgo(days + 1), daysAgo(days)),
    ),
  );
  const kept = [
    await addOutboxRow(database, 'loan_decisions_made', daysAgo(2), daysAgo(1)), // recent
    await addOutboxRow(database, 'loan_decisions_made', daysAgo(30), null), // old, never published
    await addOutboxRow(database, 'loan_applications_submitted', daysAgo(30), daysAgo(30)), // another service's
  ];

  const deleted = await pruneOutbox(database.orm.em.fork(), ['loan_decisions_made'], daysAgo(7), {
    batchSize: 2,
  });

  t.is(deleted, old.length);
  t.deepEqual(await remaining(database, 'outbox'), kept.sort());
});

test("only the group's processed-event records older than the cut-off are deleted", async (t) => {
  const database = await createMigratedDatabase((await stack()).databaseUrl);
  t.teardown(() => database.drop());
  const old = await Promise.all(
    [8, 9, 10].map((days) => addProcessed(database, 'decision-service', daysAgo(days))),
  );
  const kept = [
    await addProcessed(database, 'decision-service', daysAgo(6)),
    await addProcessed(database, 'another-group', daysAgo(30)),
  ];

  const deleted = await pruneProcessedEvents(database.orm.em.fork(), 'decision-service', daysAgo(7), {
    batchSize: 2,
  });

  t.is(deleted, old.length);
  t.deepEqual(await remaining(database, 'processed_events'), kept.sort());
});

test('the retention job cleans up on its schedule, counts what it deleted, and stops', async (t) => {
  const database = await createMigratedDatabase((await stack()).databaseUrl);
  t.teardown(() => database.drop());
  await addOutboxRow(database, 'loan_decisions_made', daysAgo(9), daysAgo(8));
  const metrics = new Registry();
  let runs = 0;
  const job = new RetentionJob({
    tasks: [
      {
        table: 'outbox',
        prune: (before) => {
          runs += 1;
          return pruneOutbox(database.orm.em.fork(), ['loan_decisions_made'], before);
        },
      },
    ],
    retentionHours: 7 * 24,
    clock: () => now,
    logger: memoryLogger().logger,
    metrics,
    firstRunDelayMs: 0,
    intervalMs: 20,
  });
  job.start();
  t.teardown(() => job.stop());

  await eventually(() => Promise.resolve(runs >= 3 ? true : undefined), { what: 'three clean-ups' });
  await job.stop();
  const runsAtStop = runs;

  t.deepEqual(await remaining(database, 'outbox'), []);
  t.regex(await metrics.metrics(), /retention_deleted_rows_total\{table="outbox"\} 1\b/);
  await new Promise((resolve) => setTimeout(resolve, 100));
  t.is(runs, runsAtStop, 'no clean-up after stop');
});

test('an aborted clean-up stops between batches', async (t) => {
  const database = await createMigratedDatabase((await stack()).databaseUrl);
  t.teardown(() => database.drop());
  for (const days of [8, 9, 10, 11]) await addProcessed(database, 'decision-service', daysAgo(days));
  const stop = new AbortController();
  stop.abort();

  t.is(
    await pruneProcessedEvents(database.orm.em.fork(), 'decision-service', daysAgo(7), {
      signal: stop.signal,
    }),
    0,
  );
  t.is((await remaining(database, 'processed_events')).length, 4);
});
