import { Kafka, logLevel, type IHeaders } from 'kafkajs';
import { kafkaSecurity } from '@prequal/messaging';
import { stackSettings } from './connections.ts';
import { uniqueName } from './names.ts';
import type { StackEndpoints } from './stack.ts';

export interface ReceivedMessage {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  readonly key: string | undefined;
  readonly value: Buffer | null;
  readonly headers: IHeaders;
}

/**
 * A kafkajs client for tests, quiet unless something is wrong: to the stack (with its clients'
 * TLS and SASL settings), or to plain brokers (a disposable Kafka of a test's own).
 */
export function testKafka(target: StackEndpoints | readonly string[], env: NodeJS.ProcessEnv = {}): Kafka {
  const brokers = 'kafkaBrokers' in target ? target.kafkaBrokers : target;
  const security = 'kafkaBrokers' in target ? kafkaSecurity(stackSettings(target, env)) : {};
  return new Kafka({
    brokers: [...brokers],
    clientId: uniqueName('test'),
    logLevel: logLevel.ERROR,
    ...security,
  });
}

export interface ReadOptions {
  readonly timeoutMs?: number;
  /** Keep reading this long after the goal is met, to catch extra messages (e.g. duplicates). */
  readonly settleMs?: number;
  /** Stop when this holds instead of at `count` messages. */
  readonly until?: (received: readonly ReceivedMessage[]) => boolean;
}

/** Reads a topic from the beginning until `count` messages arrived (or `until` holds). */
export async function readMessages(
  kafka: Kafka,
  topic: string,
  count: number,
  { timeoutMs = 30_000, settleMs = 0, until }: ReadOptions = {},
): Promise<ReceivedMessage[]> {
  const consumer = kafka.consumer({ groupId: uniqueName('reader'), maxWaitTimeInMs: 100 });
  const received: ReceivedMessage[] = [];
  let done = false;
  try {
    await consumer.connect();
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(new Error(`got ${received.length} of ${count} messages from ${topic} in ${timeoutMs} ms`));
      }, timeoutMs);
      void consumer.run({
        eachMessage: ({ topic: from, partition, message }) => {
          received.push({
            topic: from,
            partition,
            offset: message.offset,
            key: message.key?.toString(),
            value: message.value,
            headers: message.headers ?? {},
          });
          if (until ? until(received) && !done : received.length === count) {
            done = true;
            clearTimeout(timer);
            setTimeout(resolve, settleMs);
          }
          return Promise.resolve();
        },
      });
    });
    return [...received];
  } finally {
    await consumer.disconnect();
  }
}

/** Every message of a topic up to its end when called (nothing may still be written to it). */
export async function readAllMessages(
  kafka: Kafka,
  topic: string,
  { timeoutMs = 60_000 }: { timeoutMs?: number } = {},
): Promise<ReceivedMessage[]> {
  const admin = kafka.admin();
  await admin.connect();
  let total = 0;
  try {
    for (const { high, low } of await admin.fetchTopicOffsets(topic)) total += Number(high) - Number(low);
  } finally {
    await admin.disconnect();
  }
  if (total === 0) return [];
  return readMessages(kafka, topic, total, { timeoutMs });
}
