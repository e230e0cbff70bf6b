import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import test from 'ava';
import { deadLetterTopicOf } from '@prequal/events';
import { deadLetterMessage, readDeadLetters } from '@prequal/messaging';
import { createPipelineHarness, readMessages } from '@prequal/testkit';

const run = promisify(execFile);

test('dead letters can be listed, and replayed onto their original topic', async (t) => {
  const harness = await createPipelineHarness(1);
  t.teardown(() => harness.dispose());
  const original = harness.topics.loan_applications_submitted;
  const dlt = deadLetterTopicOf(original);
  const producer = harness.kafka.producer();
  await producer.connect();
  const record = deadLetterMessage(
    {
      key: Buffer.from('app-7'),
      value: Buffer.from('not avro'),
      headers: { 'correlation-id': 'c-7' },
      offset: '3',
    },
    { topic: original, partition: 0, consumerGroup: 'credit-service' },
    new Error('boom'),
    1,
    new Date(),
  );
  await producer.send({ topic: dlt, messages: [record.message] });
  await producer.disconnect();

  const letters = await readDeadLetters(harness.kafka, dlt);
  t.is(letters.length, 1);
  const { stdout } = await run(
    process.execPath,
    [path.resolve(import.meta.dirname, '../src/cli/dead-letters.ts'), 'replay', dlt],
    {
      env: {
        ...process.env,
        KAFKA_BROKERS: harness.endpoints.kafkaBrokers.join(','),
        TOPIC_PREFIX: harness.prefix,
      },
    },
  );
  t.regex(stdout, new RegExp(`replayed offset 0 to ${original.replaceAll('.', '\\.')}`));

  const [replayed] = await readMessages(harness.kafka, original, 1);
  t.is(replayed?.key, 'app-7');
  t.is(replayed?.value?.toString(), 'not avro');
  t.deepEqual(Object.keys(replayed?.headers ?? {}), ['correlation-id'], 'original headers only, no dlt-*');
  t.is(replayed?.headers['correlation-id']?.toString(), 'c-7');
});

test('a replay is refused, before anything is read, for a topic that is not one of our dead-letter topics', async (t) => {
  const attempt = run(
    process.execPath,
    [path.resolve(import.meta.dirname, '../src/cli/dead-letters.ts'), 'replay', '__consumer_offsets'],
    {
      env: { ...process.env, KAFKA_BROKERS: '127.0.0.1:1' },
    },
  );
  const error = await t.throwsAsync(attempt);
  t.is((error as { code?: number } | undefined)?.code, 2);
  t.regex(
    (error as { stderr?: string } | undefined)?.stderr ?? '',
    /__consumer_offsets is not a dead-letter topic of ours/,
  );
});
