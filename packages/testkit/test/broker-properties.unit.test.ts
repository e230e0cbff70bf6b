import { readFile } from 'node:fs/promises';
import path from 'node:path';
import test from 'ava';
import { kafkaEnvAsProperties, sharedBrokerSettings } from '@prequal/testkit';

const ROOT = path.resolve(import.meta.dirname, '../../..');

test("cp-kafka's variables become broker properties (KAFKA_FOO_BAR is foo.bar), the last of a name winning", (t) => {
  const properties = kafkaEnvAsProperties(
    '# a comment\nKAFKA_NUM_PARTITIONS=3\nOTHER=1',
    'KAFKA_NUM_PARTITIONS=6',
  );
  t.deepEqual([...properties], [['num.partitions', '6']]);
});

test('one node keeps one copy of every topic, the internal ones too', async (t) => {
  const settings = await sharedBrokerSettings(1);
  t.is(settings.get('default.replication.factor'), '1');
  t.is(settings.get('min.insync.replicas'), '1');
  t.is(settings.get('offsets.topic.replication.factor'), '1');
  t.is(settings.get('auto.create.topics.enable'), 'false');
});

test('a cluster of three keeps every topic on three nodes, internal ones too, and acknowledges a write on two', async (t) => {
  const settings = await sharedBrokerSettings(3);
  t.like(Object.fromEntries(settings), {
    'default.replication.factor': '3',
    'min.insync.replicas': '2',
    'offsets.topic.replication.factor': '3',
    'transaction.state.log.replication.factor': '3',
    'transaction.state.log.min.isr': '2',
    'share.coordinator.state.topic.replication.factor': '3',
    'share.coordinator.state.topic.min.isr': '2',
    // the rest as one node has it
    'num.partitions': '3',
    'auto.create.topics.enable': 'false',
  });
});

test("the cluster's settings only replace settings that kafka.env gives one node", async (t) => {
  const read = (file: string) => readFile(path.join(ROOT, 'infra', file), 'utf8');
  const single = kafkaEnvAsProperties(await read('kafka.env'));
  const cluster = kafkaEnvAsProperties(await read('kafka-cluster.env'));
  t.true(cluster.size > 0);
  t.deepEqual(
    [...cluster.keys()].filter((key) => !single.has(key)),
    [],
    'every setting of a cluster has its value for one node in kafka.env',
  );
});
