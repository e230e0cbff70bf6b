import test from 'ava';
import { Partitioners } from 'kafkajs';
import { COMPATIBILITY, SchemaType } from '@kafkajs/confluent-schema-registry';
import pg from 'pg';
import { pgConnectionOf } from '@prequal/db';
import { createRegistry } from '@prequal/messaging';
import { createTestDatabase, stack, stackRegistry, testKafka, uniqueName } from '@prequal/testkit';

const probeSchema = {
  type: 'record',
  name: 'StackProbe',
  namespace: 'in.prequal.test',
  doc: 'A throwaway event that proves the stack works.',
  fields: [
    { name: 'id', type: { type: 'string', logicalType: 'uuid' }, doc: 'Probe id.' },
    { name: 'note', type: 'string', doc: 'Free text.' },
  ],
};

test('an Avro message in the Confluent wire format goes through the real Kafka and registry', async (t) => {
  const endpoints = await stack();
  const topic = uniqueName('smoke');
  const registry = createRegistry(stackRegistry(endpoints));
  const kafka = testKafka(endpoints);
  const admin = kafka.admin();
  const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
  const consumer = kafka.consumer({ groupId: topic });
  t.teardown(async () => {
    await Promise.allSettled([producer.disconnect(), consumer.disconnect()]);
    await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
    await admin.disconnect();
  });

  const { id: schemaId } = await registry.register(
    { type: SchemaType.AVRO, schema: JSON.stringify(probeSchema) },
    { subject: `${topic}-value`, compatibility: COMPATIBILITY.FULL_TRANSITIVE },
  );
  await admin.connect();
  await admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true });
  await producer.connect();
  const sent = { id: '0b6e1c4a-8a52-4f7e-9b0e-1f1f0c7d2a11', note: 'hello' };
  await producer.send({ topic, messages: [{ key: sent.id, value: await registry.encode(schemaId, sent) }] });

  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: true });
  const received = await new Promise<{ key: string; value: Buffer }>((resolve) => {
    void consumer.run({
      eachMessage: ({ message }) => {
        if (message.value && message.key) resolve({ key: message.key.toString(), value: message.value });
        return Promise.resolve();
      },
    });
  });

  t.is(received.key, sent.id);
  t.is(received.value.readUInt8(0), 0, 'magic byte of the Confluent wire format');
  t.is(received.value.readInt32BE(1), schemaId, 'schema id follows the magic byte');
  t.deepEqual({ ...(await registry.decode(received.value)) }, sent);
});

test('a row round-trips through the real PostgreSQL', async (t) => {
  const { databaseUrl } = await stack();
  const database = await createTestDatabase(databaseUrl);
  const { url, ssl } = pgConnectionOf(database.url);
  const client = new pg.Client({ connectionString: url, ssl });
  t.teardown(async () => {
    await client.end();
    await database.drop();
  });
  await client.connect();
  await client.query('CREATE TABLE probe (id uuid PRIMARY KEY, amount numeric(12,2) NOT NULL)');
  await client.query('INSERT INTO probe VALUES ($1, $2)', [
    '5f0c3a0e-3c55-4b8e-8d5e-6f2d8f9b7a10',
    '12345.67',
  ]);
  const { rows } = await client.query<{ id: string; amount: string }>('SELECT id, amount FROM probe');
  t.deepEqual(rows, [{ id: '5f0c3a0e-3c55-4b8e-8d5e-6f2d8f9b7a10', amount: '12345.67' }]);
});
