import test from 'ava';
import { Partitioners } from 'kafkajs';
import { deadLetterTopicOf, deriveEventId, type CreditReportGenerated } from '@prequal/events';
import { DEAD_LETTER_HEADERS, EVENT_HEADERS, headerValue } from '@prequal/messaging';
import {
  aCreditReport,
  aSubmittedEvent,
  createMigratedDatabase,
  createPipelineHarness,
  eventually,
  insertPendingApplication,
  readDecisions,
  readMessages,
  testHost,
  workerEnv,
  type MigratedDatabase,
  type PipelineHarness,
} from '@prequal/testkit';
import { loadDecisionServiceConfig } from '../src/config.ts';
import { startDecisionService as start } from '../src/service.ts';

/** decision-service as its main composes it, in this process, on this test's topics and database. */
async function startDecisionService(
  harness: PipelineHarness,
  database: MigratedDatabase,
): Promise<{ opsPort: number; stop(): Promise<void> }> {
  const { host } = testHost('decision-service');
  const { opsPort } = await start(loadDecisionServiceConfig(workerEnv(harness, database.url)), host);
  host.markRunning();
  return { opsPort, stop: () => host.stop() };
}

async function publishReports(
  harness: PipelineHarness,
  reports: readonly CreditReportGenerated[],
): Promise<void> {
  await harness.serde.resolveWriterIds(['credit_reports_generated']);
  const producer = harness.kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  try {
    await producer.send({
      topic: harness.topics.credit_reports_generated,
      messages: reports.map((report) => ({
        key: report.applicationId,
        value: harness.serde.encode('credit_reports_generated', report),
        headers: { [EVENT_HEADERS.correlationId]: report.correlationId },
      })),
    });
  } finally {
    await producer.disconnect();
  }
}

/** A stored PENDING application and a credit report for it. */
async function pendingWithReport(
  database: MigratedDatabase,
  report: Partial<CreditReportGenerated>,
): Promise<CreditReportGenerated> {
  const submitted = aSubmittedEvent({
    monthlyIncomeInr: report.monthlyIncomeInr ?? '100000.00',
    loanAmountInr: report.loanAmountInr ?? '200000.00',
  });
  await insertPendingApplication(database.orm, submitted);
  return aCreditReport({
    ...report,
    applicationId: submitted.applicationId,
    correlationId: submitted.correlationId,
    causationEventId: submitted.eventId,
  });
}

async function setUp(t: { teardown(fn: () => Promise<void>): void }): Promise<{
  harness: PipelineHarness;
  database: MigratedDatabase;
}> {
  const harness = await createPipelineHarness();
  const database = await createMigratedDatabase(harness.endpoints.databaseUrl);
  const worker = await startDecisionService(harness, database);
  t.teardown(async () => {
    await worker.stop();
    await database.drop();
    await harness.dispose();
  });
  return { harness, database };
}

test('790 with sufficient income is PRE_APPROVED, 610 is REJECTED, 750 with tight income is MANUAL_REVIEW', async (t) => {
  const { harness, database } = await setUp(t);
  const approved = await pendingWithReport(database, { cibilScore: 790 });
  const rejected = await pendingWithReport(database, { cibilScore: 610 });
  const review = await pendingWithReport(database, {
    cibilScore: 750,
    monthlyIncomeInr: '20000.00',
    loanAmountInr: '960000.00',
  });
  await publishReports(harness, [approved, rejected, review]);

  const ids = [approved, rejected, review].map((report) => report.applicationId);
  const decisions = await eventually(
    async () => {
      const found = await readDecisions(database.orm, ids);
      return [...found.values()].every((row) => row.status !== 'PENDING') ? found : undefined;
    },
    { what: 'three decisions' },
  );

  t.deepEqual(decisions.get(approved.applicationId), { status: 'PRE_APPROVED', cibilScore: 790 });
  t.deepEqual(decisions.get(rejected.applicationId), { status: 'REJECTED', cibilScore: 610 });
  t.deepEqual(decisions.get(review.applicationId), { status: 'MANUAL_REVIEW', cibilScore: 750 });

  const messages = await readMessages(harness.kafka, harness.topics.loan_decisions_made, 3);
  const made = await Promise.all(
    messages.map((message) => harness.serde.decode('loan_decisions_made', message.value)),
  );
  const byApplication = new Map(made.map((event) => [event.applicationId, event]));
  t.is(byApplication.get(approved.applicationId)?.decision, 'PRE_APPROVED');
  t.is(
    byApplication.get(approved.applicationId)?.eventId,
    deriveEventId('LoanDecisionMade', approved.eventId),
  );
  t.is(
    byApplication.get(review.applicationId)?.reason,
    'CIBIL score 750 but monthly income at most loan amount / 48',
  );
});

test('the same report delivered twice gives one decision and one LoanDecisionMade', async (t) => {
  const { harness, database } = await setUp(t);
  const report = await pendingWithReport(database, { cibilScore: 700 });
  await publishReports(harness, [report, report]);

  const messages = await readMessages(harness.kafka, harness.topics.loan_decisions_made, 1, {
    settleMs: 2000,
  });
  const processed = await database.orm.em
    .fork()
    .execute<{ count: string }[]>('select count(*) as count from processed_events where event_id = ?', [
      report.eventId,
    ]);

  t.is(messages.length, 1);
  t.is(processed[0]?.count, '1');
  t.is(
    (await readDecisions(database.orm, [report.applicationId])).get(report.applicationId)?.status,
    'PRE_APPROVED',
  );
});

test('a decision already made is never changed by a later report', async (t) => {
  const { harness, database } = await setUp(t);
  const first = await pendingWithReport(database, { cibilScore: 610 });
  await publishReports(harness, [first]);
  await readMessages(harness.kafka, harness.topics.loan_decisions_made, 1);

  await publishReports(harness, [{ ...first, eventId: aCreditReport().eventId, cibilScore: 800 }]);
  const messages = await readMessages(harness.kafka, harness.topics.loan_decisions_made, 1, {
    settleMs: 2000,
  });

  t.is(messages.length, 1);
  t.deepEqual((await readDecisions(database.orm, [first.applicationId])).get(first.applicationId), {
    status: 'REJECTED',
    cibilScore: 610,
  });
});

test('a report for an application we do not have is dead-lettered', async (t) => {
  const { harness } = await setUp(t);
  const orphan = aCreditReport();
  await publishReports(harness, [orphan]);

  const [dead] = await readMessages(
    harness.kafka,
    deadLetterTopicOf(harness.topics.credit_reports_generated),
    1,
  );

  t.is(dead?.key, orphan.applicationId);
  t.is(headerValue(dead?.headers, DEAD_LETTER_HEADERS.errorClass), 'UnknownApplicationError');
});

test('a report whose score is outside 300..900 is dead-lettered, the application stays PENDING', async (t) => {
  const { harness, database } = await setUp(t);
  const report = await pendingWithReport(database, { cibilScore: 950 });
  await publishReports(harness, [report]);

  const [dead] = await readMessages(
    harness.kafka,
    deadLetterTopicOf(harness.topics.credit_reports_generated),
    1,
  );

  t.is(dead?.key, report.applicationId);
  t.is(headerValue(dead?.headers, DEAD_LETTER_HEADERS.errorClass), 'InvalidEventContentError');
  t.is(
    (await readDecisions(database.orm, [report.applicationId])).get(report.applicationId)?.status,
    'PENDING',
  );
});
