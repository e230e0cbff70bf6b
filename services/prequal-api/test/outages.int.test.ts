import test from 'ava';
import { readOutboxBacklog } from '@prequal/db';
import { ensureEventTopics, EVENT_HEADERS, headerValue } from '@prequal/messaging';
import {
  createDisposableKafka,
  createTcpProxy,
  createTestDatabase,
  eventually,
  nativeKafkaLibs,
  readMessages,
  stack,
  testKafka,
} from '@prequal/testkit';
import { postApplication, startApiUnderTest, validApplication, type ApiUnderTest } from './api-under-test.ts';

const APPLICATIONS = 40;

async function submitMany(api: Pick<ApiUnderTest, 'request'>): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < APPLICATIONS; i += 1) {
    const response = await postApplication(api, { ...validApplication, loan_amount_inr: 100000 + i });
    if (response.status !== 202) throw new Error(`got ${response.status}`);
    ids.push(((await response.json()) as { application_id: string }).application_id);
  }
  return ids;
}

// Needs the native stack's Kafka jars to run a broker of its own that it can stop and start.
const withNativeKafka = nativeKafkaLibs() ? test : test.skip;

withNativeKafka(
  'with Kafka stopped, applications are still accepted; once it is back, every event arrives once',
  async (t) => {
    const kafka = await createDisposableKafka();
    t.teardown(() => kafka.destroy());
    const client = testKafka(kafka.brokers);
    const under = await startApiUnderTest({ KAFKA_BROKERS: kafka.brokers.join(',') });
    t.teardown(() => under.close());
    await ensureEventTopics(client, under.harness.topics, 3);

    await kafka.stop();
    const started = Date.now();
    const ids = await submitMany(under);
    t.log(`${APPLICATIONS} applications accepted in ${Date.now() - started} ms with Kafka down`);
    t.is(
      (await readOutboxBacklog(under.database.em(), ['loan_applications_submitted'])).count,
      APPLICATIONS,
      'all waiting in the outbox',
    );

    await kafka.start();
    const messages = await readMessages(
      client,
      under.harness.topics.loan_applications_submitted,
      APPLICATIONS,
      {
        settleMs: 2000,
        timeoutMs: 90_000,
      },
    );
    t.is(messages.length, APPLICATIONS, 'none twice');
    t.deepEqual(messages.map((message) => message.key).sort(), [...ids].sort(), 'every one');
    t.is(
      new Set(messages.map((message) => headerValue(message.headers, EVENT_HEADERS.eventId))).size,
      APPLICATIONS,
    );
  },
);

test('with the registry unreachable, applications are still accepted; once it is back, every event arrives once', async (t) => {
  const { schemaRegistryUrl } = await stack();
  const registry = new URL(schemaRegistryUrl);
  const proxy = await createTcpProxy(registry.hostname, Number(registry.port || 80));
  t.teardown(() => proxy.close());
  const proxied = `${registry.protocol}//127.0.0.1:${proxy.port}${registry.pathname}`;
  await proxy.down();
  const under = await startApiUnderTest({ SCHEMA_REGISTRY_URL: proxied });
  t.teardown(() => under.close());

  const ids = await submitMany(under);
  await eventually(async () => ((await fetch(`${under.opsUrl}/ready`)).status === 503 ? true : undefined), {
    what: '/ready to report the registry down',
  });
  t.is((await readOutboxBacklog(under.database.em(), ['loan_applications_submitted'])).count, APPLICATIONS);

  await proxy.up();
  const messages = await readMessages(
    under.harness.kafka,
    under.harness.topics.loan_applications_submitted,
    APPLICATIONS,
    {
      settleMs: 2000,
      timeoutMs: 60_000,
    },
  );
  t.is(messages.length, APPLICATIONS);
  t.deepEqual(messages.map((message) => message.key).sort(), [...ids].sort());
  t.is((await fetch(`${under.opsUrl}/ready`)).status, 200);
});

test('with the database unreachable, the API answers 503 with Retry-After, not a 500, and recovers', async (t) => {
  const { databaseUrl } = await stack();
  const server = new URL(databaseUrl);
  const proxy = await createTcpProxy(server.hostname, Number(server.port || 5432));
  t.teardown(() => proxy.close());
  const database = await createTestDatabase(databaseUrl);
  t.teardown(() => database.drop());
  const proxied = new URL(database.url);
  proxied.hostname = '127.0.0.1';
  proxied.port = String(proxy.port);
  const under = await startApiUnderTest({
    DATABASE_URL: proxied.toString(),
    RUN_MIGRATIONS: 'true',
    DATABASE_POOL_SIZE: '2',
  });
  t.teardown(() => under.close());

  await proxy.down();
  const response = await postApplication(under, validApplication);

  t.is(response.status, 503);
  t.is(response.headers.get('retry-after'), '5');
  t.is(((await response.json()) as { title: string }).title, 'Service unavailable');
  t.is((await fetch(`${under.opsUrl}/ready`)).status, 503);

  // Back up, it serves again, and the outage left no connection checked out of the pool (kysely
  // before 0.29.9 leaked one per failed rollback: the pool starved, and closing it hung).
  await proxy.up();
  await eventually(async () => ((await fetch(`${under.opsUrl}/ready`)).status === 200 ? true : undefined), {
    what: 'the API ready again',
  });
  const statuses = await Promise.all(
    [1, 2, 3, 4].map(async () => (await postApplication(under, validApplication)).status),
  );
  t.deepEqual(statuses, [202, 202, 202, 202]);
  const pool = await under.apiDatabase.orm.em.getConnection().getNativeClient();
  await eventually(() => Promise.resolve(pool.totalCount === pool.idleCount ? true : undefined), {
    timeoutMs: 5_000,
    what: `every pooled connection idle (${pool.totalCount - pool.idleCount} checked out)`,
  });
  t.is(pool.waitingCount, 0);
});
