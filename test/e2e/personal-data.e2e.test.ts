import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import anyTest, { type TestFn } from 'ava';
import { deadLetterTopicOf, topicNames } from '@prequal/events';
import { EVENT_HEADERS, headerValue } from '@prequal/messaging';
import { aSubmittedEvent, readMessages } from '@prequal/testkit';
import { finalState, startSystem, submit, type SystemUnderTest } from './system-under-test.ts';

const test = anyTest as TestFn<SystemUnderTest>;
const run = promisify(execFile);

test.before(async (t) => {
  t.context = await startSystem();
});
test.after.always(async (t) => {
  await t.context.stop();
});

const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const pick = (from: string) => from[Math.floor(Math.random() * from.length)] ?? 'A';
const randomPan = () =>
  `${Array.from({ length: 5 }, () => pick(letters)).join('')}${Array.from({ length: 4 }, () => pick('0123456789')).join('')}${pick(letters)}`;

/** The newest PostgreSQL's pg_dump on this machine (the native stack's), if there is one. */
function pgDump(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root).sort((a, b) => Number(b) - Number(a));
  return versions.map((version) => `${root}/${version}/bin/pg_dump`).find((file) => existsSync(file));
}

/** Where a text holds one of `secrets`, in any case (upper, lower, or as written). */
function leaks(text: string, secrets: readonly string[]): string[] {
  const upper = text.toUpperCase();
  return secrets.filter((secret) => upper.includes(secret.toUpperCase()));
}

test.serial(
  'no PAN or name in clear in a dump of the database, the raw bytes of every topic and dead-letter topic, or any log, and the decisions are right',
  async (t) => {
    const { api, harness, database, services } = t.context;
    const applicants = [
      { pan: 'ABCDE1234F', name: `Asha Verma ${randomPan()}` },
      { pan: 'FGHIJ5678K', name: `Ravi Kumar ${randomPan()}` },
      ...Array.from({ length: 10 }, (_, i) => ({
        pan: randomPan(),
        name: `Applicant Number ${i} ${randomPan()}`,
      })),
    ];
    const ids = await Promise.all(
      applicants.map(({ pan, name }, i) =>
        submit(api, {
          pan_number: i % 2 === 0 ? pan : pan.toLowerCase().toUpperCase(),
          applicant_name: name,
          monthly_income_inr: 100000,
          loan_amount_inr: 200000,
          loan_type: 'PERSONAL',
        }),
      ),
    );
    const decided = await Promise.all(ids.map((id) => finalState(api, id)));
    t.like(decided[0], { status: 'PRE_APPROVED', cibil_score: 790 });
    t.like(decided[1], { status: 'REJECTED', cibil_score: 610 });

    // And one that credit-service dead-letters (its income breaks the rules): the dead letter too.
    const poisoned = aSubmittedEvent({
      panNumber: randomPan(),
      applicantName: `Poisoned ${randomPan()}`,
      monthlyIncomeInr: '-1.00',
    });
    applicants.push({ pan: poisoned.panNumber, name: poisoned.applicantName ?? '' });
    await harness.serde.resolveWriterIds(['loan_applications_submitted']);
    const producer = harness.kafka.producer();
    await producer.connect();
    await producer.send({
      topic: harness.topics.loan_applications_submitted,
      messages: [
        {
          key: poisoned.applicationId,
          value: harness.serde.encode('loan_applications_submitted', poisoned),
          headers: { [EVENT_HEADERS.correlationId]: poisoned.correlationId },
        },
      ],
    });
    await producer.disconnect();
    const [dead] = await readMessages(
      harness.kafka,
      deadLetterTopicOf(harness.topics.loan_applications_submitted),
      1,
    );
    t.is(dead?.key, poisoned.applicationId, 'the poisoned application was dead-lettered');

    const secrets = applicants.flatMap(({ pan, name }) => [pan, name]);

    // Every message of every topic and dead-letter topic, key, value and headers, as raw bytes.
    for (const topic of topicNames.flatMap((name) => [
      harness.topics[name],
      deadLetterTopicOf(harness.topics[name]),
    ])) {
      const expected = topic.endsWith('.DLT')
        ? topic.includes('loan_applications_submitted')
          ? 1
          : 0
        : applicants.length - (topic.includes('submitted') ? 0 : 1);
      if (expected === 0) continue;
      const messages = await readMessages(harness.kafka, topic, expected, { settleMs: 500 });
      for (const message of messages) {
        const raw = [
          message.key ?? '',
          message.value?.toString('latin1') ?? '',
          ...Object.keys(message.headers).map(
            (name) => `${name}=${headerValue(message.headers, name) ?? ''}`,
          ),
        ].join('\n');
        t.deepEqual(leaks(raw, secrets), [], `a message of ${topic}`);
      }
    }

    // A dump of the whole database: applications, outbox, processed events, clients.
    const dump = pgDump();
    if (dump) {
      const { stdout } = await run(dump, ['--dbname', database.url, '--data-only', '--inserts'], {
        maxBuffer: 64 * 1024 * 1024,
      });
      t.true(stdout.includes('INSERT INTO public.applications'), 'the dump holds the applications');
      t.deepEqual(leaks(stdout, secrets), [], 'pg_dump of the database');
    } else {
      t.log('no pg_dump on this machine: the database was checked through its tables instead');
      const rows = await database
        .em()
        .execute<unknown[]>('select * from applications a full join outbox o on false');
      t.deepEqual(leaks(JSON.stringify(rows), secrets), [], 'the tables');
    }

    // Every log line of the three services.
    for (const service of Object.values(services)) {
      t.deepEqual(leaks(await readFile(service.logFile, 'utf8'), secrets), [], service.logFile);
    }
  },
);
