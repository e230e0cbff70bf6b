import { randomUUID } from 'node:crypto';
import test from 'ava';
import {
  insertApplicationsWithEvents,
  recordDecisions,
  recordProcessedEvents,
  type NewOutboxRow,
} from '@prequal/db';
import { aSubmittedEvent, createMigratedDatabase, pendingApplicationOf, stack } from '@prequal/testkit';
import { MAX_BIND_PARAMETERS, queryRows, statementChunks } from '../src/statement.ts';

test('a statement with more values than the protocol can bind is refused with a clear error', async (t) => {
  const database = await createMigratedDatabase((await stack()).databaseUrl);
  t.teardown(() => database.drop());
  const values = Array.from({ length: MAX_BIND_PARAMETERS + 1 }, () => 1);
  await t.throwsAsync(queryRows(database.em(), `select ${values.map(() => '?::int').join(' + ')}`, values), {
    instanceOf: RangeError,
    message: /at most 65535 values/,
  });
});

test("bulk writes beyond one statement's 65,535 values go in several statements, every row once", async (t) => {
  const database = await createMigratedDatabase((await stack()).databaseUrl);
  t.teardown(() => database.drop());
  const events = Array.from({ length: 5_000 }, () => aSubmittedEvent()); // 70,000 values as applications
  const outbox: NewOutboxRow[] = events.flatMap((event) =>
    [1, 2].map(() => ({
      topic: 'loan_applications_submitted',
      messageKey: event.applicationId,
      eventId: randomUUID(),
      eventType: 'in.prequal.loan.LoanApplicationSubmitted',
      correlationId: event.correlationId,
      payload: '{}',
      createdAt: new Date(),
    })),
  ); // 70,000 values as outbox rows
  await insertApplicationsWithEvents(database.em(), events.map(pendingApplicationOf), outbox);
  const [counts] = await queryRows<{ applications: string; outbox: string }>(
    database.em(),
    'select (select count(*) from applications) as applications, (select count(*) from outbox) as outbox',
  );
  t.deepEqual(counts, { applications: '5000', outbox: '10000' });

  const ids = Array.from({ length: 40_000 }, () => randomUUID()); // 80,000 values
  t.is((await recordProcessedEvents(database.em(), 'group', ids)).size, 40_000);
  t.is((await recordProcessedEvents(database.em(), 'group', ids)).size, 0, 'none recorded twice');

  const decisions = [
    ...events.map((event) => ({
      applicationId: event.applicationId,
      status: 'REJECTED' as const,
      cibilScore: 610,
      reason: 'test',
    })),
    ...Array.from({ length: 12_000 }, () => ({
      applicationId: randomUUID(),
      status: 'REJECTED' as const,
      cibilScore: 610,
      reason: 'test',
    })),
  ]; // 68,000 values
  const { decided, unknown } = await recordDecisions(database.em(), decisions, new Date());
  t.is(decided.size, 5_000);
  t.is(unknown.length, 12_000);
});

test('chunks hold as many items as fit in one statement', (t) => {
  t.deepEqual(
    statementChunks([1, 2, 3, 4, 5], 30_000).map((chunk) => chunk.length),
    [2, 2, 1],
  );
  t.deepEqual(
    statementChunks([1, 2, 3], 30_000, 10_000).map((chunk) => chunk.length),
    [1, 1, 1],
  );
  t.deepEqual(statementChunks([], 7), []);
});
