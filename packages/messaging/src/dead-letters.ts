import type { IHeaders, Kafka, Message } from 'kafkajs';
import { DEAD_LETTER_HEADERS, headerValue, originalHeaders } from './headers.ts';

export interface DeadLetter {
  readonly partition: number;
  readonly offset: string;
  readonly key: string | undefined;
  readonly value: Buffer | null;
  readonly headers: IHeaders;
}

/** A dead letter in a few readable lines: where it came from, why it failed, its headers. */
export function describeDeadLetter(letter: DeadLetter): string {
  const header = (name: string): string => headerValue(letter.headers, name) ?? '?';
  const others = Object.keys(originalHeaders(letter.headers)).map(
    (name) => `${name}=${headerValue(letter.headers, name) ?? ''}`,
  );
  return [
    `offset ${letter.offset} (partition ${letter.partition}) key ${letter.key ?? '(none)'}, ${letter.value?.length ?? 0} bytes`,
    `  from ${header(DEAD_LETTER_HEADERS.originalTopic)}[${header(DEAD_LETTER_HEADERS.originalPartition)}]@${header(DEAD_LETTER_HEADERS.originalOffset)}` +
      ` by ${header(DEAD_LETTER_HEADERS.consumerGroup)} at ${header(DEAD_LETTER_HEADERS.failedAt)}, after ${header(DEAD_LETTER_HEADERS.attempts)} attempt(s)`,
    `  ${header(DEAD_LETTER_HEADERS.errorClass)}: ${header(DEAD_LETTER_HEADERS.errorMessage)}`,
    ...(others.length > 0 ? [`  headers: ${others.join(' ')}`] : []),
  ].join('\n');
}

/** The message to put back on its original topic: the original key, bytes and headers. */
export function replayMessage(letter: DeadLetter): { topic: string; message: Message } {
  const topic = headerValue(letter.headers, DEAD_LETTER_HEADERS.originalTopic);
  if (!topic)
    throw new Error(
      `dead letter at offset ${letter.offset} has no ${DEAD_LETTER_HEADERS.originalTopic} header`,
    );
  return {
    topic,
    message: { key: letter.key ?? null, value: letter.value, headers: originalHeaders(letter.headers) },
  };
}

/** Reads a dead-letter topic from its start to its current end (nothing is committed). */
export async function readDeadLetters(kafka: Kafka, topic: string): Promise<DeadLetter[]> {
  const admin = kafka.admin();
  await admin.connect();
  const ends = await admin.fetchTopicOffsets(topic).finally(() => admin.disconnect());
  const remaining = new Map(
    ends
      .filter(({ high, low }) => BigInt(high) > BigInt(low))
      .map(({ partition, high }) => [partition, BigInt(high)]),
  );
  const letters: DeadLetter[] = [];
  if (remaining.size === 0) return letters;
  const consumer = kafka.consumer({
    groupId: `dlt-reader-${process.pid}-${Date.now()}`,
    maxWaitTimeInMs: 100,
  });
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await new Promise<void>((resolve) => {
      void consumer.run({
        autoCommit: false,
        eachMessage: ({ partition, message }) => {
          letters.push({
            partition,
            offset: message.offset,
            key: message.key?.toString(),
            value: message.value,
            headers: message.headers ?? {},
          });
          if (BigInt(message.offset) + 1n >= (remaining.get(partition) ?? 0n)) remaining.delete(partition);
          if (remaining.size === 0) resolve();
          return Promise.resolve();
        },
      });
    });
  } finally {
    await consumer.disconnect();
  }
  return letters.sort((a, b) => a.partition - b.partition || Number(BigInt(a.offset) - BigInt(b.offset)));
}
