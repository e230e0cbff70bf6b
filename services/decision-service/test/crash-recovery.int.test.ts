import test from 'ava';
import { Partitioners } from 'kafkajs';
import { EVENT_HEADERS, headerValue } from '@prequal/messaging';
import {
  aCreditReport,
  aSubmittedEvent,
  createMigratedDatabase,
  createPipelineHarness,
  eventually,
  insertPendingApplication,
  readMessages,
  spawnService,
  workerEnv,
} from '@prequal/testkit';

const APPLICATIONS = 300;

test('decision-service killed with SIGKILL mid-stream and restarted decides every application once', async (t) => {
  const harness = await createPipelineHarness(3);
  t.teardown(() => harness.dispose());
  const database = await createMigratedDatabase(harness.endpoints.databaseUrl);
  t.teardown(() => database.drop());
  const reports = [];
  for (let i = 0; i < APPLICATIONS; i += 1) {
    const submitted = aSubmittedEvent();
    await insertPendingApplication(database.orm, submitted);
    reports.push(
      aCreditReport({ applicationId: submitted.applicationId, correlationId: submitted.correlationId }),
    );
  }
  await harness.serde.resolveWriterIds(['credit_reports_generated']);
  const producer = harness.kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  await producer.send({
    topic: harness.topics.credit_reports_generated,
    messages: reports.map((report) => ({
      key: report.applicationId,
      value: harness.serde.encode('credit_reports_generated', report),
    })),
  });
  await producer.disconnect();

  const env = workerEnv(harness, database.url, { PARTITIONS_CONSUMED_CONCURRENTLY: '1', LOG_LEVEL: 'info' });
  const countDecided = async (): Promise<number> => {
    const [row] = await database.orm.em
      .fork()
      .execute<{ count: string }[]>("select count(*) as count from applications where status <> 'PENDING'");
    return Number(row?.count ?? 0);
  };

  const first = await spawnService('decision-service', env);
  await eventually(async () => ((await countDecided()) >= 20 ? true : undefined), {
    intervalMs: 5,
    what: '20 decisions',
  });
  await first.stop('SIGKILL');
  const decidedAtCrash = await countDecided();

  const second = await spawnService('decision-service', env);
  t.teardown(() => second.stop());
  await eventually(async () => ((await countDecided()) === APPLICATIONS ? true : undefined), {
    timeoutMs: 60_000,
    what: 'every application decided',
  });

  const [processed] = await database.orm.em
    .fork()
    .execute<{ count: string }[]>('select count(*) as count from processed_events');
  t.true(decidedAtCrash < APPLICATIONS, 'the kill happened mid-stream');
  t.is(processed?.count, String(APPLICATIONS), 'each report applied once');

  const messages = await readMessages(harness.kafka, harness.topics.loan_decisions_made, APPLICATIONS, {
    until: (received) => new Set(received.map((message) => message.key)).size === APPLICATIONS,
    timeoutMs: 60_000,
  });
  const eventIdsByApplication = new Map<string, Set<string>>();
  for (const message of messages) {
    const ids = eventIdsByApplication.get(message.key ?? '') ?? new Set();
    ids.add(headerValue(message.headers, EVENT_HEADERS.eventId) ?? '');
    eventIdsByApplication.set(message.key ?? '', ids);
  }
  t.is(eventIdsByApplication.size, APPLICATIONS, 'a LoanDecisionMade for every application');
  t.true(
    [...eventIdsByApplication.values()].every((ids) => ids.size === 1),
    'one decision per application: a re-sent message would carry the same event id',
  );
  t.log(
    `decided before the kill: ${decidedAtCrash}; messages: ${messages.length} for ${APPLICATIONS} applications`,
  );
});
