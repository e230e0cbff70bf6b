import type { Admin, Kafka, Message } from 'kafkajs';
import { uniqueName } from '@prequal/testkit';
import { drainRun, type DrainRun } from '../results.ts';
import { settlesWithin } from '../wait.ts';

export type RawMode = 'per-message' | 'batched';

export interface RawOptions {
  readonly kafka: Kafka;
  readonly admin: Admin;
  readonly messages: readonly Message[];
  readonly partitions: number;
  readonly mode: RawMode;
  /** Partitions processed at once, as our workers do (PARTITIONS_CONSUMED_CONCURRENTLY). */
  readonly partitionsConcurrently: number;
  readonly timeoutSeconds: number;
  readonly onProgress?: (done: number) => void;
}

/**
 * The baseline of the drain: plain kafkajs moving N messages from one topic to another, with no
 * database, no Avro and no registry. `per-message` sends each message on its own and awaits it
 * (the shape of our handlers); `batched` sends each fetched batch in one request (kafkajs at its best).
 */
export async function rawConsumeProduce(options: RawOptions): Promise<DrainRun> {
  const { kafka, admin, messages, partitions, mode } = options;
  const name = uniqueName('bench_raw');
  const [source, target] = [`${name}.in`, `${name}.out`];
  await admin.createTopics({
    topics: [source, target].map((topic) => ({ topic, numPartitions: partitions })),
    waitForLeaders: true,
  });
  const producer = kafka.producer();
  await producer.connect();
  const consumer = kafka.consumer({ groupId: name, maxWaitTimeInMs: 100 });
  try {
    for (let index = 0; index < messages.length; index += 1_000) {
      await producer.send({ topic: source, messages: messages.slice(index, index + 1_000) });
    }
    let produced = 0;
    let firstReceivedAt = 0;
    let lastAt = 0;
    const received = (): void => {
      firstReceivedAt ||= Date.now();
    };
    let finish: () => void = () => undefined;
    const finished = new Promise<void>((resolve) => (finish = resolve));
    const record = (count: number): void => {
      lastAt = Date.now();
      produced += count;
      options.onProgress?.(produced);
      if (produced >= messages.length) finish();
    };
    const startedAt = Date.now();
    await consumer.connect();
    await consumer.subscribe({ topics: [source], fromBeginning: true });
    await consumer.run({
      partitionsConsumedConcurrently: options.partitionsConcurrently,
      ...(mode === 'per-message'
        ? {
            eachMessage: async ({ message }) => {
              received();
              await producer.send({ topic: target, messages: [{ key: message.key, value: message.value }] });
              record(1);
            },
          }
        : {
            eachBatch: async ({ batch }) => {
              received();
              await producer.send({
                topic: target,
                messages: batch.messages.map(({ key, value }) => ({ key, value })),
              });
              record(batch.messages.length);
            },
          }),
    });
    await settlesWithin(finished, options.timeoutSeconds * 1000);
    return drainRun(
      `kafkajs consume→produce, ${mode}`,
      { messages: messages.length, completed: produced },
      { started: startedAt, first: firstReceivedAt || undefined, last: lastAt || undefined },
    );
  } finally {
    await consumer.disconnect();
    await producer.disconnect();
    await admin.deleteTopics({ topics: [source, target] }).catch(() => undefined);
  }
}
