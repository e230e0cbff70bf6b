import test from 'ava';
import { Partitioners } from 'kafkajs';
import { deadLetterTopicOf, deriveEventId, type LoanApplicationSubmitted } from '@prequal/events';
import { DEAD_LETTER_HEADERS, EVENT_HEADERS, EventSerde, headerValue } from '@prequal/messaging';
import { newKeyring, rotateKeyring, serializeKeyring } from '@prequal/pii';
import {
  aSubmittedEvent,
  createPipelineHarness,
  readMessages,
  TEST_PAN_610,
  TEST_PAN_790,
  testHost,
  workerEnv,
  type PipelineHarness,
} from '@prequal/testkit';
import { loadCreditServiceConfig } from '../src/config.ts';
import { startCreditService as start } from '../src/service.ts';

/** credit-service as its main composes it, in this process, on this test's topics. */
async function startCreditService(
  harness: PipelineHarness,
): Promise<{ port: number; stop(): Promise<void> }> {
  const { host } = testHost('credit-service');
  const config = loadCreditServiceConfig(workerEnv(harness, 'postgres://unused@127.0.0.1/unused'));
  const { opsPort } = await start(config, host);
  host.markRunning();
  return { port: opsPort, stop: () => host.stop() };
}

async function produce(
  harness: PipelineHarness,
  messages: { key: string; value: Buffer; headers?: Record<string, string> }[],
): Promise<void> {
  const producer = harness.kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  try {
    await producer.send({ topic: harness.topics.loan_applications_submitted, messages });
  } finally {
    await producer.disconnect();
  }
}

async function submit(harness: PipelineHarness, events: readonly LoanApplicationSubmitted[]): Promise<void> {
  await harness.serde.resolveWriterIds(['loan_applications_submitted']);
  await produce(
    harness,
    events.map((event) => ({
      key: event.applicationId,
      value: harness.serde.encode('loan_applications_submitted', event),
      headers: { [EVENT_HEADERS.correlationId]: event.correlationId, [EVENT_HEADERS.eventId]: event.eventId },
    })),
  );
}

test('a submitted application gets a credit report keyed by its id, with a derived event id', async (t) => {
  const harness = await createPipelineHarness();
  t.teardown(() => harness.dispose());
  const worker = await startCreditService(harness);
  t.teardown(() => worker.stop());
  const first = aSubmittedEvent({ panNumber: TEST_PAN_790 });
  const second = aSubmittedEvent({ panNumber: TEST_PAN_610 });
  await submit(harness, [first, second]);

  const keys = [first.applicationId, second.applicationId];
  const messages = await readMessages(harness.kafka, harness.topics.credit_reports_generated, 2, {
    until: (received) => keys.every((key) => received.some((message) => message.key === key)),
  });
  const reports = await Promise.all(
    messages.map((message) => harness.serde.decode('credit_reports_generated', message.value)),
  );
  const byApplication = new Map(reports.map((report) => [report.applicationId, report]));

  t.is(byApplication.get(first.applicationId)?.cibilScore, 790);
  t.is(byApplication.get(second.applicationId)?.cibilScore, 610);
  t.is(
    byApplication.get(first.applicationId)?.eventId,
    deriveEventId('CreditReportGenerated', first.eventId),
  );
  t.is(byApplication.get(first.applicationId)?.causationEventId, first.eventId);
  t.is(byApplication.get(first.applicationId)?.monthlyIncomeInr, first.monthlyIncomeInr);
  const firstMessage = messages.find((message) => message.key === first.applicationId);
  t.is(headerValue(firstMessage?.headers, EVENT_HEADERS.correlationId), first.correlationId);
});

test('the same submitted event twice yields the same report with the same event id', async (t) => {
  const harness = await createPipelineHarness();
  t.teardown(() => harness.dispose());
  const worker = await startCreditService(harness);
  t.teardown(() => worker.stop());
  const event = aSubmittedEvent({ panNumber: 'PQRST6789U', monthlyIncomeInr: '80000.00', loanType: 'HOME' });
  await submit(harness, [event, event]);

  const messages = await readMessages(harness.kafka, harness.topics.credit_reports_generated, 2);
  const [one, two] = await Promise.all(
    messages.map((message) => harness.serde.decode('credit_reports_generated', message.value)),
  );

  t.deepEqual({ ...one }, { ...two });
  t.true(
    (one?.cibilScore ?? 0) >= 695 && (one?.cibilScore ?? 0) <= 705,
    'default formula: 650 + 40 + 10 ± 5',
  );
});

test('poison messages go to the dead-letter topic once, with headers, and the next good one is processed', async (t) => {
  const harness = await createPipelineHarness(1);
  t.teardown(() => harness.dispose());
  const worker = await startCreditService(harness);
  t.teardown(() => worker.stop());
  const good = aSubmittedEvent();
  await produce(harness, [
    {
      key: 'poison-1',
      value: Buffer.from('{"not":"avro"}'),
      headers: { [EVENT_HEADERS.correlationId]: 'c-1' },
    },
    { key: 'poison-2', value: Buffer.from([0, 0x7f, 0xff, 0xff, 0xf0, 2, 4, 6]) },
  ]);
  await submit(harness, [good]);

  const [report] = await readMessages(harness.kafka, harness.topics.credit_reports_generated, 1);
  const dead = await readMessages(
    harness.kafka,
    deadLetterTopicOf(harness.topics.loan_applications_submitted),
    2,
    {
      settleMs: 1000,
    },
  );

  t.is(report?.key, good.applicationId);
  t.is(dead.length, 2, 'each poison message dead-lettered exactly once');
  const [notAvro, unknownId] = [...dead].sort((a, b) => (a.key ?? '').localeCompare(b.key ?? ''));
  t.is(notAvro?.value?.toString(), '{"not":"avro"}', 'original bytes kept');
  t.is(headerValue(notAvro?.headers, EVENT_HEADERS.correlationId), 'c-1', 'original headers kept');
  t.is(headerValue(notAvro?.headers, DEAD_LETTER_HEADERS.errorClass), 'NotConfluentAvroError');
  t.is(headerValue(unknownId?.headers, DEAD_LETTER_HEADERS.errorClass), 'UnknownSchemaIdError');
  t.is(
    headerValue(unknownId?.headers, DEAD_LETTER_HEADERS.originalTopic),
    harness.topics.loan_applications_submitted,
  );
  t.is(headerValue(unknownId?.headers, DEAD_LETTER_HEADERS.originalPartition), '0');
  t.is(headerValue(unknownId?.headers, DEAD_LETTER_HEADERS.originalOffset), '1');
  t.regex(headerValue(unknownId?.headers, DEAD_LETTER_HEADERS.consumerGroup) ?? '', /^group_/);
  t.is(headerValue(unknownId?.headers, DEAD_LETTER_HEADERS.attempts), '1');
  t.truthy(headerValue(unknownId?.headers, DEAD_LETTER_HEADERS.errorMessage));
});

test('the ops port answers health, readiness and metrics', async (t) => {
  const harness = await createPipelineHarness(1);
  t.teardown(() => harness.dispose());
  const worker = await startCreditService(harness);
  t.teardown(() => worker.stop());
  await submit(harness, [aSubmittedEvent()]);
  await readMessages(harness.kafka, harness.topics.credit_reports_generated, 1);
  const base = `http://127.0.0.1:${worker.port}`;

  t.is((await fetch(`${base}/health`)).status, 200);
  const ready = await fetch(`${base}/ready`);
  t.is(ready.status, 200);
  t.like(await ready.json(), {
    status: 'ready',
    checks: { kafka: { ok: true }, registry: { ok: true }, consumer: { ok: true } },
  });
  const metrics = await (await fetch(`${base}/metrics`)).text();
  t.regex(metrics, /events_processed_total\{[^}]*outcome="success"[^}]*\} 1/);
  t.regex(metrics, /kafka_consumer_lag\{/);
});

test('an application whose Avro is valid but whose content breaks the rules is dead-lettered, not scored', async (t) => {
  const harness = await createPipelineHarness(1);
  t.teardown(() => harness.dispose());
  const worker = await startCreditService(harness);
  t.teardown(() => worker.stop());
  const negative = aSubmittedEvent({ monthlyIncomeInr: '-50000.00' });
  const good = aSubmittedEvent();
  await submit(harness, [negative, good]);

  const reports = await readMessages(harness.kafka, harness.topics.credit_reports_generated, 1, {
    settleMs: 1000,
  });
  const [dead] = await readMessages(
    harness.kafka,
    deadLetterTopicOf(harness.topics.loan_applications_submitted),
    1,
  );

  t.deepEqual(
    reports.map((message) => message.key),
    [good.applicationId],
    'only the valid application was scored',
  );
  t.is(dead?.key, negative.applicationId);
  t.is(headerValue(dead?.headers, DEAD_LETTER_HEADERS.errorClass), 'InvalidEventContentError');
  t.regex(
    headerValue(dead?.headers, DEAD_LETTER_HEADERS.errorMessage) ?? '',
    /monthlyIncomeInr must be a positive amount/,
  );
});

test('an application sealed under a key credit-service lacks is dead-lettered (PersonalDataKeyMissingError), and a reader without any keyring still decodes it, sealed', async (t) => {
  const harness = await createPipelineHarness(1);
  t.teardown(() => harness.dispose());
  // credit-service holds only a key k2: the event is sealed under k1 (TEST_KEYS), as after k1 was
  // retired from the keyring.
  const { host } = testHost('credit-service');
  const rotated = await rotateKeyring(await newKeyring());
  const withoutK1 = { ...rotated, dataKeys: { k2: rotated.dataKeys.k2 ?? '' } };
  const config = loadCreditServiceConfig({
    ...workerEnv(harness, 'postgres://unused@127.0.0.1/unused'),
    PII_KEYRING: serializeKeyring(withoutK1),
  });
  await start(config, host);
  host.markRunning();
  t.teardown(() => host.stop());
  const event = aSubmittedEvent({ panNumber: 'QRSTU5678V', applicantName: 'Sealed Name' });
  await submit(harness, [event]);

  const [dead] = await readMessages(
    harness.kafka,
    deadLetterTopicOf(harness.topics.loan_applications_submitted),
    1,
  );
  t.is(dead?.key, event.applicationId);
  t.is(headerValue(dead?.headers, DEAD_LETTER_HEADERS.errorClass), 'PersonalDataKeyMissingError');
  t.regex(
    headerValue(dead?.headers, DEAD_LETTER_HEADERS.errorMessage) ?? '',
    /panNumber is sealed with key k1, which this keyring does not hold/,
  );
  t.false(
    dead?.value?.toString('latin1').toUpperCase().includes('QRSTU5678V'),
    'the dead letter holds the sealed PAN only',
  );

  const keyless = new EventSerde(harness.registry, harness.topics);
  const seen = await keyless.decode('loan_applications_submitted', dead?.value ?? null);
  t.regex(seen.panNumber, /^pii1:k1:/);
  t.regex(seen.applicantName ?? '', /^pii1:k1:/);
  t.is(seen.monthlyIncomeInr, event.monthlyIncomeInr, 'the rest of the event reads as usual');
});
