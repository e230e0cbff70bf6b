import type { Kafka } from 'kafkajs';
import { uniqueName } from '@prequal/testkit';

/** When each key's first message was sent, as its Kafka timestamp says (ms since the epoch). */
export interface PublishedTimes {
  readonly sentAt: ReadonlyMap<string, number>;
  stop(): Promise<void>;
}

/**
 * Follows a topic from its beginning and keeps, per message key (an application id), the
 * timestamp of its first message: the producer's CreateTime, which kafkajs sets when it builds
 * the produce request, so for an outbox row the moment its relay sent it.
 */
export async function followPublished(kafka: Kafka, topic: string): Promise<PublishedTimes> {
  const sentAt = new Map<string, number>();
  const consumer = kafka.consumer({ groupId: uniqueName('bench_published'), maxWaitTimeInMs: 100 });
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: true });
  await consumer.run({
    eachBatch: ({ batch }) => {
      for (const message of batch.messages) {
        const key = message.key?.toString();
        if (key !== undefined && !sentAt.has(key)) sentAt.set(key, Number(message.timestamp));
      }
      return Promise.resolve();
    },
  });
  return { sentAt, stop: () => consumer.disconnect() };
}
