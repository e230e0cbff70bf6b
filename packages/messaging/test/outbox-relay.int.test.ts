import { randomUUID } from 'node:crypto';
import test from 'ava';
import pg from 'pg';
import { Registry } from 'prom-client';
import { OUTBOX_CHANNEL, readOutboxBacklog } from '@prequal/db';
import type { LoanApplicationSubmitted } from '@prequal/events';
import {
  createMessaging,
  createOutboxMetrics,
  enqueueEvents,
  EVENT_HEADERS,
  headerValue,
  outboxRelayPart,
  outboxSettings,
  outgoingEvent,
  type OutboxRelay,
  type OutboxSettings,
} from '@prequal/messaging';
import { EventCipher } from '@prequal/pii';
import { defaultsOf } from '@prequal/service-kit';
import {
  aSubmittedEvent,
  createMigratedDatabase,
  createPipelineHarness,
  eventually,
  readMessages,
  testHost,
  TEST_KEYS,
  type MigratedDatabase,
  type PipelineHarness,
} from '@prequal/testkit';

interface RelayUnderTest {
  relay: OutboxRelay;
  metrics: Registry;
  logLines: () => Record<string, unknown>[];
  stop(): Promise<void>;
}

/** A relay as a service composes it (its listener included), on this test's topics and database. */
async function startRelay(
  harness: PipelineHarness,
  database: MigratedDatabase,
  env: NodeJS.ProcessEnv = { OUTBOX_BATCH_SIZE: '50' },
  // ava runs tests side by side in one process: its event loop's load is not the relay's to judge.
  loopUtilization: () => number = () => 0,
): Promise<RelayUnderTest> {
  const { host, logLines } = testHost('relay');
  const settings = defaultsOf<OutboxSettings>(outboxSettings, env);
  const messaging = createMessaging('relay', harness.settings, host.logger, ['loan_applications_submitted']);
  const relay = await host.start(outboxRelayPart(settings, { database, messaging, loopUtilization }));
  return {
    relay,
    metrics: host.metrics,
    logLines,
    stop: async () => {
      await host.stop();
      await messaging.close();
    },
  };
}

function enqueue(database: MigratedDatabase, events: readonly LoanApplicationSubmitted[]): Promise<void> {
  return database.em().transactional((tx) =>
    enqueueEvents(
      tx,
      events.map((event) => outgoingEvent('loan_applications_submitted', event)),
      new Date(),
      CIPHER,
    ),
  );
}

const CIPHER = new EventCipher(TEST_KEYS.keyring);

const backlogOf = (database: MigratedDatabase) =>
  readOutboxBacklog(database.em(), ['loan_applications_submitted']);

test('two relays over the same outbox publish N rows as exactly N messages', async (t) => {
  const harness = await createPipelineHarness(3);
  t.teardown(() => harness.dispose());
  const database = await createMigratedDatabase(harness.endpoints.databaseUrl);
  const events = Array.from({ length: 300 }, () => aSubmittedEvent());
  for (let i = 0; i < events.length; i += 30) await enqueue(database, events.slice(i, i + 30));

  const relays = await Promise.all([startRelay(harness, database), startRelay(harness, database)]);
  t.teardown(async () => {
    await Promise.all(relays.map((relay) => relay.stop()));
    await database.drop();
  });

  const messages = await readMessages(
    harness.kafka,
    harness.topics.loan_applications_submitted,
    events.length,
    {
      settleMs: 1500,
    },
  );
  const ids = messages.map((message) => headerValue(message.headers, EVENT_HEADERS.eventId));
  t.is(messages.length, events.length, 'no message twice');
  t.deepEqual(ids.sort(), events.map((event) => event.eventId).sort(), 'every event once');
  const backlog = await backlogOf(database);
  t.is(backlog.count, 0, 'every row marked published');
});

test('published messages are keyed by application id, carry ids in headers and decode to the event', async (t) => {
  const harness = await createPipelineHarness(1);
  t.teardown(() => harness.dispose());
  const database = await createMigratedDatabase(harness.endpoints.databaseUrl);
  const relay = await startRelay(harness, database);
  t.teardown(async () => {
    await relay.stop();
    await database.drop();
  });
  const event = aSubmittedEvent();
  await enqueue(database, [event]);

  const [message] = await readMessages(harness.kafka, harness.topics.loan_applications_submitted, 1);

  t.is(message?.key, event.applicationId);
  t.is(headerValue(message?.headers, EVENT_HEADERS.eventId), event.eventId);
  t.is(headerValue(message?.headers, EVENT_HEADERS.correlationId), event.correlationId);
  t.is(headerValue(message?.headers, EVENT_HEADERS.eventType), 'in.prequal.loan.LoanApplicationSubmitted');
  t.deepEqual(
    { ...(await harness.serde.decode('loan_applications_submitted', message?.value ?? null)) },
    event,
  );
});

test("one application's events leave in the order they were written, even with two relays", async (t) => {
  const harness = await createPipelineHarness(3);
  t.teardown(() => harness.dispose());
  const database = await createMigratedDatabase(harness.endpoints.databaseUrl);
  const applicationId = randomUUID();
  const ordered = Array.from({ length: 20 }, () => aSubmittedEvent({ applicationId }));
  const others = Array.from({ length: 40 }, () => aSubmittedEvent());
  for (const [index, event] of ordered.entries())
    await enqueue(database, [event, ...others.slice(index * 2, index * 2 + 2)]);

  const relays = await Promise.all([startRelay(harness, database), startRelay(harness, database)]);
  t.teardown(async () => {
    await Promise.all(relays.map((relay) => relay.stop()));
    await database.drop();
  });

  const messages = await readMessages(harness.kafka, harness.topics.loan_applications_submitted, 60);
  const sameKey = messages.filter((message) => message.key === applicationId);
  t.deepEqual(
    sameKey.map((message) => headerValue(message.headers, EVENT_HEADERS.eventId)),
    ordered.map((event) => event.eventId),
  );
});

test('the backlog metrics show unpublished rows and the age of the oldest', async (t) => {
  const harness = await createPipelineHarness(1);
  t.teardown(() => harness.dispose());
  const database = await createMigratedDatabase(harness.endpoints.databaseUrl);
  t.teardown(() => database.drop());
  await enqueue(database, [aSubmittedEvent(), aSubmittedEvent()]);
  const metrics = new Registry();
  createOutboxMetrics(metrics, () => backlogOf(database));

  const text = await metrics.metrics();

  t.regex(text, /^outbox_backlog 2$/m);
  t.regex(text, /^outbox_oldest_unpublished_age_seconds \d+(\.\d+)?(e-\d+)?$/m);
});

test('a row that cannot be encoded keeps its error and stays unpublished; the rest go out', async (t) => {
  const harness = await createPipelineHarness(1);
  t.teardown(() => harness.dispose());
  const database = await createMigratedDatabase(harness.endpoints.databaseUrl);
  const broken = aSubmittedEvent({ monthlyIncomeInr: 'a lot' });
  const good = aSubmittedEvent();
  await enqueue(database, [broken, good]);
  const relay = await startRelay(harness, database);
  t.teardown(async () => {
    await relay.stop();
    await database.drop();
  });

  const [message] = await readMessages(harness.kafka, harness.topics.loan_applications_submitted, 1, {
    settleMs: 500,
  });
  const [row] = await database.orm.em
    .fork()
    .execute<{ published_at: Date | null; attempts: number; last_error: string | null }[]>(
      'select published_at, attempts, last_error from outbox where event_id = ?',
      [broken.eventId],
    );

  t.is(message?.key, good.applicationId);
  t.is(row?.published_at, null);
  t.true((row?.attempts ?? 0) >= 1);
  t.regex(row?.last_error ?? '', /does not match the loan_applications_submitted schema/);
  await eventually(
    async () => {
      const [parked] = await database.orm.em
        .fork()
        .execute<{ attempts: number }[]>('select attempts from outbox where event_id = ?', [broken.eventId]);
      return parked?.attempts === 10 ? true : undefined;
    },
    { what: 'the broken row to be parked after 10 attempts' },
  );
});

/** A harness, a database and a relay that polls only once a minute, all removed after the test. */
async function setUpSlowPollingRelay(
  t: { teardown(fn: () => Promise<void>): void },
  partitions: number,
): Promise<{ harness: PipelineHarness; database: MigratedDatabase; relay: RelayUnderTest }> {
  const harness = await createPipelineHarness(partitions);
  const database = await createMigratedDatabase(harness.endpoints.databaseUrl);
  const relay = await startRelay(harness, database, { OUTBOX_POLL_INTERVAL_MS: '60000' });
  t.teardown(async () => {
    await relay.stop();
    await database.drop();
    await harness.dispose();
  });
  return { harness, database, relay };
}

test('a relay that polls once a minute still publishes at once: each commit notifies it', async (t) => {
  const { harness, database } = await setUpSlowPollingRelay(t, 1);
  const topic = harness.topics.loan_applications_submitted;
  const first = aSubmittedEvent();
  await enqueue(database, [first]);
  await readMessages(harness.kafka, topic, 1, { timeoutMs: 20_000 });

  // The relay is idle now, its next poll a minute away: only the notification can wake it.
  const second = aSubmittedEvent();
  await enqueue(database, [second]);
  const messages = await readMessages(harness.kafka, topic, 2, { timeoutMs: 20_000 });

  t.deepEqual(
    messages.map((message) => headerValue(message.headers, EVENT_HEADERS.eventId)).sort(),
    [first.eventId, second.eventId].sort(),
  );
});

/** The server's listening connections on this database (`listen` was their last statement). */
async function listeningConnections(database: MigratedDatabase): Promise<number> {
  const [row] = await database.em().execute<{ count: string }[]>(
    `select count(*) as count from pg_stat_activity
         where datname = current_database() and pid <> pg_backend_pid() and query ilike 'listen %'`,
  );
  return Number(row?.count ?? 0);
}

test('a busy relay stops listening and publishes every busy delay; no longer busy, it listens and is woken at once', async (t) => {
  const harness = await createPipelineHarness(1);
  const database = await createMigratedDatabase(harness.endpoints.databaseUrl);
  let utilization = 0.95; // the process's event loop, as the relay sees it
  const relay = await startRelay(
    harness,
    database,
    { OUTBOX_POLL_INTERVAL_MS: '60000', OUTBOX_BUSY_WAKE_DELAY_MS: '200' },
    () => utilization,
  );
  t.teardown(async () => {
    await relay.stop();
    await database.drop();
    await harness.dispose();
  });
  const topic = harness.topics.loan_applications_submitted;
  // Rows keep coming, so that every round finds some (a round that finds none is not busy).
  const written: LoanApplicationSubmitted[] = [];
  const load = { writing: true };
  const writer = (async () => {
    while (load.writing) {
      const event = aSubmittedEvent();
      await enqueue(database, [event]);
      written.push(event);
      await new Promise((resolve) => setTimeout(resolve, 40));
    }
  })();
  await eventually(async () => ((await listeningConnections(database)) === 0 ? true : undefined), {
    timeoutMs: 10_000,
  });
  // Busy: no notification wakes it, yet the rows go out, a round every busy delay.
  const seen = written.length + 10;
  await readMessages(harness.kafka, topic, seen, { timeoutMs: 10_000 });
  t.is(await listeningConnections(database), 0, 'not listening while busy');
  load.writing = false;
  await writer;

  // The process is no longer busy: after a round the relay listens again, and goes idle with its
  // next poll a minute away, so only a notification can publish the next row at once.
  utilization = 0.1;
  await eventually(async () => ((await listeningConnections(database)) === 1 ? true : undefined), {
    timeoutMs: 10_000,
  });
  await eventually(async () => ((await backlogOf(database)).count === 0 ? true : undefined));
  await new Promise((resolve) => setTimeout(resolve, 500));
  const last = aSubmittedEvent();
  const enqueuedAt = Date.now();
  await enqueue(database, [last]);
  const messages = await readMessages(harness.kafka, topic, written.length + 1, { timeoutMs: 20_000 });
  t.true(Date.now() - enqueuedAt < 10_000, 'woken by the notification, not the minute poll');
  t.deepEqual(
    messages.map((message) => headerValue(message.headers, EVENT_HEADERS.eventId)).sort(),
    [...written, last].map((event) => event.eventId).sort(),
    'every row once',
  );
});

test('a notification of a rolled-back insert never arrives, and a committed one arrives once per topic', async (t) => {
  const database = await createMigratedDatabase((await createPipelineHarness(1)).endpoints.databaseUrl);
  t.teardown(() => database.drop());
  const listener = new pg.Client({ connectionString: database.url });
  await listener.connect();
  t.teardown(() => listener.end());
  const heard: (string | undefined)[] = [];
  listener.on('notification', ({ payload }) => heard.push(payload));
  await listener.query(`listen ${OUTBOX_CHANNEL}`);

  await t.throwsAsync(
    database.em().transactional(async (tx) => {
      await enqueueEvents(
        tx,
        [outgoingEvent('loan_applications_submitted', aSubmittedEvent())],
        new Date(),
        CIPHER,
      );
      throw new Error('roll back');
    }),
  );
  await enqueue(database, [aSubmittedEvent(), aSubmittedEvent(), aSubmittedEvent()]);

  await eventually(() => Promise.resolve(heard.length > 0 ? true : undefined), { timeoutMs: 5_000 });
  await new Promise((resolve) => setTimeout(resolve, 200));
  t.deepEqual(heard, ['loan_applications_submitted']);
});

test('rows committed while the listening connection is cut are all published, none twice', async (t) => {
  const { harness, database, relay } = await setUpSlowPollingRelay(t, 3);
  const first = Array.from({ length: 20 }, () => aSubmittedEvent());
  await enqueue(database, first);
  await eventually(async () => ((await backlogOf(database)).count === 0 ? true : undefined));

  // Cut the relay's listening connection from the server's side, as a network failure or a
  // PostgreSQL restart would, and write rows while it is gone.
  const [killed] = await database.em().execute<{ killed: boolean }[]>(
    `select pg_terminate_backend(pid) as killed from pg_stat_activity
       where datname = current_database() and query ilike 'listen %'`,
  );
  t.true(killed?.killed, 'a listening connection was found and cut');
  const second = Array.from({ length: 30 }, () => aSubmittedEvent());
  for (let i = 0; i < second.length; i += 10) await enqueue(database, second.slice(i, i + 10));

  const all = [...first, ...second];
  const messages = await readMessages(harness.kafka, harness.topics.loan_applications_submitted, all.length, {
    timeoutMs: 30_000,
    settleMs: 1_000,
  });
  const ids = messages.map((message) => headerValue(message.headers, EVENT_HEADERS.eventId));
  t.is(messages.length, all.length, 'no row published twice');
  t.deepEqual(ids.sort(), all.map((event) => event.eventId).sort(), 'every row published');
  t.true(
    relay.logLines().some((line) => line.msg === 'outbox listener lost its connection, reconnecting'),
    'the relay noticed the cut and reconnected',
  );
});

test('rows whose notification is lost are published by the safety-net poll, each once', async (t) => {
  const harness = await createPipelineHarness(3);
  const database = await createMigratedDatabase(harness.endpoints.databaseUrl);
  const relay = await startRelay(harness, database, { OUTBOX_POLL_INTERVAL_MS: '500' });
  t.teardown(async () => {
    await relay.stop();
    await database.drop();
    await harness.dispose();
  });
  // No notification is sent at all from now on: a listener that is connected but hears nothing,
  // the case a reconnection cannot cover. Only the poll can find these rows.
  await database.em().execute('alter table outbox disable trigger outbox_rows_notify');
  const events = Array.from({ length: 30 }, () => aSubmittedEvent());
  for (let i = 0; i < events.length; i += 10) await enqueue(database, events.slice(i, i + 10));

  const messages = await readMessages(
    harness.kafka,
    harness.topics.loan_applications_submitted,
    events.length,
    {
      timeoutMs: 30_000,
      settleMs: 1_500,
    },
  );
  const ids = messages.map((message) => headerValue(message.headers, EVENT_HEADERS.eventId));
  t.is(messages.length, events.length, 'no row published twice');
  t.deepEqual(ids.sort(), events.map((event) => event.eventId).sort(), 'every row published');
  t.is((await backlogOf(database)).count, 0);
});
