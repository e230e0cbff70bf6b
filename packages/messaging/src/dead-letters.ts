import type { IHeaders, Kafka, Message } from 'kafkajs';
import { deadLetterTopicOf, topicNames } from '@prequal/events';
import { maskPansIn } from '@prequal/service-kit';
import { DEAD_LETTER_HEADERS, headerValue, originalHeaders } from './headers.ts';
import type { TopicNames } from './topic-names.ts';

export interface DeadLetter {
  readonly partition: number;
  readonly offset: string;
  readonly key: string | undefined;
  readonly value: Buffer | null;
  readonly headers: IHeaders;
}

/**
 * What a terminal may show of text from a message: PANs masked, and control characters (an
 * escape sequence could clear or rewrite the operator's screen) written as visible escapes.
 */
export function printable(text: string): string {
  return maskPansIn(text).replace(
    // eslint-disable-next-line no-control-regex
    /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g,
    (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** A dead letter in a few readable lines: where it came from, why it failed, its headers. */
export function describeDeadLetter(letter: DeadLetter): string {
  const header = (name: string): string => printable(headerValue(letter.headers, name) ?? '?');
  const others = Object.keys(originalHeaders(letter.headers)).map(
    (name) => `${printable(name)}=${printable(headerValue(letter.headers, name) ?? '')}`,
  );
  return [
    `offset ${letter.offset} (partition ${letter.partition}) key ${printable(letter.key ?? '(none)')}, ${letter.value?.length ?? 0} bytes`,
    `  from ${header(DEAD_LETTER_HEADERS.originalTopic)}[${header(DEAD_LETTER_HEADERS.originalPartition)}]@${header(DEAD_LETTER_HEADERS.originalOffset)}` +
      ` by ${header(DEAD_LETTER_HEADERS.consumerGroup)} at ${header(DEAD_LETTER_HEADERS.failedAt)}, after ${header(DEAD_LETTER_HEADERS.attempts)} attempt(s)`,
    `  ${header(DEAD_LETTER_HEADERS.errorClass)}: ${header(DEAD_LETTER_HEADERS.errorMessage)}`,
    ...(others.length > 0 ? [`  headers: ${others.join(' ')}`] : []),
  ].join('\n');
}

/**
 * The topic a dead-letter topic replays to: only `<topic>.DLT` of a topic of the topic table (under
 * this deployment's names), and only to that topic, whatever a message's headers say.
 */
export function replayTargetOf(deadLetterTopic: string, topics: TopicNames): string {
  const target = topicNames
    .map((topic) => topics[topic])
    .find((topic) => deadLetterTopicOf(topic) === deadLetterTopic);
  if (!target) {
    throw new Error(
      `${deadLetterTopic} is not a dead-letter topic of ours: one of ${topicNames.map((topic) => deadLetterTopicOf(topics[topic])).join(', ')}`,
    );
  }
  return target;
}

/**
 * The message to put back on `target` (see replayTargetOf): the original key, bytes and headers. A
 * letter whose header names another topic (crafted, or copied between topics) is refused.
 */
export function replayMessage(letter: DeadLetter, target: string): { topic: string; message: Message } {
  const original = headerValue(letter.headers, DEAD_LETTER_HEADERS.originalTopic);
  if (!original)
    throw new Error(
      `dead letter at offset ${letter.offset} has no ${DEAD_LETTER_HEADERS.originalTopic} header`,
    );
  if (original !== target) {
    throw new Error(
      `dead letter at offset ${letter.offset} came from ${printable(original)}, not ${target}: not replayed`,
    );
  }
  return {
    topic: target,
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
