import { randomUUID } from 'node:crypto';
import test from 'ava';
import { Registry } from 'prom-client';
import type { LoanApplicationSubmitted } from '@prequal/events';
import {
  createIdempotentProducer,
  createOutboxMetrics,
  enqueueEvent,
  EVENT_HEADERS,
  EventPublisher,
  headerValue,
  OutboxRelay,
  readOutboxBacklog,
} from '@prequal/messaging';
import {
  aSubmittedEvent,
  createMigratedDatabase,
  createPipelineHarness,
  eventually,
  memoryLogger,
  readMessages,
  type MigratedDatabase,
  type PipelineHarness,
} from '@prequal/testkit';

interface RelayUnderTest {
  relay: OutboxRelay;
  metrics: Registry;
  stop(): Promise<void>;
}

async function startRelay(harness: PipelineHarness, database: MigratedDatabase): Promise<RelayUnderTest> {
  const producer = createIdempotentProducer(harness.kafka);
  await producer.connect();
  const metrics = new Registry();
  const relay = new OutboxRelay({
    em: () => database.orm.em.fork(),
    topics: ['loan_applications_submitted'],
    publisher: new EventPublisher(producer, harness.serde, harness.topics),
    serde: harness.serde,
    logger: memoryLogger().logger,
    metrics: createOutboxMetrics(metrics, () => readOutboxBacklog(database.orm.em.fork())),
    batchSize: 50,
    pollIntervalMs: 20,
  });
  relay.start();
  return {
    relay,
    metrics,
    stop: async () => {
      await relay.stop();
      await producer.disconnect();
    },
  };
}

async function enqueue(
  database: MigratedDatabase,
  events: readonly LoanApplicationSubmitted[],
): Promise<void> {
  await database.orm.em.fork().transactional((em) => {
    for (const event of events) {
      enqueueEvent(em, {
        topic: 'loan_applications_submitted',
        key: event.applicationId,
        eventId: event.eventId,
        correlationId: event.correlationId,
        event,
      });
    }
  });
}

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
  const backlog = await readOutboxBacklog(database.orm.em.fork());
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
  relay.relay.wake();

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
  createOutboxMetrics(metrics, () => readOutboxBacklog(database.orm.em.fork()));

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
