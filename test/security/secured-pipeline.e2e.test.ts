import { readFileSync } from 'node:fs';
import anyTest, { type TestFn } from 'ava';
import {
  kafkaSecurity,
  kafkaSettings,
  isAuthenticationFailure,
  isAuthorizationFailure,
} from '@prequal/messaging';
import { defaultsOf } from '@prequal/service-kit';
import {
  aCreditReport,
  aSubmittedEvent,
  insertPendingApplication,
  readDecisions,
  runServiceUntilExit,
  securedStack,
  workerEnv,
} from '@prequal/testkit';
import { Kafka, logLevel } from 'kafkajs';
import { finalState, submit } from '../e2e/system-under-test.ts';
import { startSecuredSystem, type SecuredSystem } from './secured-system.ts';

const anySerial = (anyTest as TestFn<SecuredSystem>).serial;
// The native stack (make stack-up) has the secured listener, its users and roles; testcontainers does not.
const secured = securedStack();
const test = secured ? anySerial : anySerial.skip;

if (secured) {
  anySerial.before(async (t) => {
    t.context = await startSecuredSystem(secured);
  });
  anySerial.after.always(async (t) => {
    await t.context.stop();
  });
}

/** A kafkajs client as a user of the secured listener (quiet: the test judges what fails). */
function kafkaAs(system: SecuredSystem, user: string, password?: string): Kafka {
  const settings = defaultsOf<Parameters<typeof kafkaSecurity>[0]>(
    kafkaSettings,
    system.secured.kafkaUser(user, password),
  );
  return new Kafka({
    brokers: system.secured.kafkaBrokers.split(','),
    clientId: `secured-test-${user}`,
    logLevel: logLevel.NOTHING,
    retry: { retries: 0 },
    ...kafkaSecurity(settings),
  });
}

test('the whole pipeline runs over SASL_SSL, each service as its own principal', async (t) => {
  const id = await submit(t.context.api, {
    pan_number: 'ABCDE1234F',
    monthly_income_inr: 100000,
    loan_amount_inr: 200000,
    loan_type: 'PERSONAL',
  });
  t.like(await finalState(t.context.api, id, 60_000), { status: 'PRE_APPROVED', cibil_score: 790 });

  // Erasing personal data is within prequal-api's column grants; the decision stays.
  const erased = await fetch(`${t.context.api.url}/applications/${id}/personal-data`, {
    method: 'DELETE',
    headers: t.context.api.headers,
  });
  t.is(erased.status, 204, await erased.text());
  t.like(await finalState(t.context.api, id, 5_000), { status: 'PRE_APPROVED', pan_number: null });

  // Starting with only their own ACLs is not an error: no service tried what it may not do. (A
  // broker formatted a moment ago is still loading its coordinators: kafkajs logs that, then retries.)
  for (const [name, service] of Object.entries(t.context.services)) {
    const errors = readFileSync(service.logFile, 'utf8')
      .split('\n')
      .filter((line) => /"level":(50|60)/.test(line))
      .filter((line) => !/"error":"The (group )?coordinator is (loading|not available)/.test(line));
    t.deepEqual(errors, [], `${name} logged errors`);
  }
});

test("a credit report forged with prequal-api's credentials is refused by the broker, and nothing is decided", async (t) => {
  const { harness, database } = t.context;
  const pending = aSubmittedEvent({ panNumber: 'QRSTU5678V' });
  await insertPendingApplication(database.orm, pending);
  await harness.serde.resolveWriterIds(['credit_reports_generated']);
  const forged = harness.serde.encode(
    'credit_reports_generated',
    aCreditReport({ applicationId: pending.applicationId, cibilScore: 900 }),
  );
  const topic = harness.topics.credit_reports_generated;
  const admin = harness.kafka.admin();
  await admin.connect();
  t.teardown(() => admin.disconnect());
  const before = await admin.fetchTopicOffsets(topic);

  const producer = kafkaAs(t.context, 'prequal-api').producer();
  await producer.connect();
  t.teardown(() => producer.disconnect());
  const refused = await t.throwsAsync(
    producer.send({ topic, messages: [{ key: pending.applicationId, value: forged }] }),
  );
  t.true(isAuthorizationFailure(refused), String(refused));

  // A real application submitted after the forgery is decided, so decision-service has read
  // everything the topic holds by then; the forged one stays PENDING and the topic unchanged.
  const later = await submit(t.context.api, {
    pan_number: 'FGHIJ5678K',
    monthly_income_inr: 90000,
    loan_amount_inr: 100000,
    loan_type: 'HOME',
  });
  await finalState(t.context.api, later, 60_000);
  const after = await admin.fetchTopicOffsets(topic);
  const written = after.reduce(
    (sum, { partition, high }) =>
      sum + Number(high) - Number(before.find((p) => p.partition === partition)?.high ?? 0),
    0,
  );
  t.is(written, 1, "only the later application's report was written");
  t.is(
    (await readDecisions(database.orm, [pending.applicationId])).get(pending.applicationId)?.status,
    'PENDING',
  );
});

test('a client without credentials is refused on the secured listener', async (t) => {
  const anonymous = new Kafka({
    brokers: t.context.secured.kafkaBrokers.split(','),
    clientId: 'secured-test-anonymous',
    logLevel: logLevel.NOTHING,
    retry: { retries: 0 },
    connectionTimeout: 3_000,
    ssl: kafkaSecurity(defaultsOf(kafkaSettings, t.context.secured.kafkaUser('admin'))).ssl ?? true,
  });
  const admin = anonymous.admin({ retry: { retries: 0 } });
  await t.throwsAsync(admin.connect().then(() => admin.listTopics()));
  await admin.disconnect().catch(() => undefined);
});

test('a wrong password is refused as such, not as a network failure', async (t) => {
  const admin = kafkaAs(t.context, 'credit-service', 'not-the-password').admin();
  const error = await t.throwsAsync(admin.connect());
  t.true(isAuthenticationFailure(error), String(error));
  await admin.disconnect().catch(() => undefined);
});

test('a service with a wrong Kafka password exits 1 with one log record saying so', async (t) => {
  const { harness, database, secured } = t.context;
  const exited = await runServiceUntilExit('prequal-api', {
    ...workerEnv(harness, database.url),
    ...secured.registryReader,
    ...secured.kafkaUser('prequal-api', 'not-the-password'),
    LOG_LEVEL: 'info',
  });
  t.is(exited.code, 1);
  const problems = exited.lines.filter((line) => {
    try {
      return (JSON.parse(line) as { level: number }).level >= 50; // error, fatal
    } catch {
      return true; // not a log record at all: counted
    }
  });
  t.is(problems.length, 1, problems.join('\n'));
  t.regex(problems[0] ?? '', /Kafka refused our credentials/);
  // Not a retry loop: it gave up on the first refusal.
  t.false(exited.lines.some((line) => line.includes('"msg":"prequal-api started"')));
});
