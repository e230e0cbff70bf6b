import { setTimeout as sleep } from 'node:timers/promises';
import type { Admin, Kafka } from 'kafkajs';
import { deadLetterTopicOf, topicNames } from '@prequal/events';
import type { TopicNames } from './topic-names.ts';

export interface TopicSpec {
  readonly partitions: number;
  readonly withDeadLetter?: boolean;
}

/** Creates the topics (and their dead-letter topics) that do not exist yet, and waits for leaders. */
export async function ensureTopics(admin: Admin, topics: Readonly<Record<string, TopicSpec>>): Promise<void> {
  const existing = new Set(await admin.listTopics());
  const wanted = Object.entries(topics).flatMap(([topic, spec]) => [
    { topic, numPartitions: spec.partitions },
    ...(spec.withDeadLetter ? [{ topic: deadLetterTopicOf(topic), numPartitions: 1 }] : []),
  ]);
  const missing = wanted.filter(({ topic }) => !existing.has(topic));
  if (missing.length === 0) return;
  // kafkajs's waitForLeaders retries LEADER_NOT_AVAILABLE only; a KRaft broker answers
  // UNKNOWN_TOPIC_OR_PARTITION until the new topic's metadata has propagated, so wait here.
  await admin.createTopics({ topics: missing, waitForLeaders: false });
  await waitForLeaders(
    admin,
    missing.map(({ topic }) => topic),
  );
}

async function waitForLeaders(admin: Admin, topics: string[], timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const { topics: metadata } = await admin.fetchTopicMetadata({ topics });
      const ready = metadata.every(
        (topic) =>
          topic.partitions.length > 0 && topic.partitions.every((partition) => partition.leader >= 0),
      );
      if (ready) return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
    }
    if (Date.now() > deadline)
      throw new Error(`topics ${topics.join(', ')} have no leaders after ${timeoutMs} ms`);
    await sleep(100);
  }
}

/** Creates every topic of the topic table (under its Kafka name) with `partitions`, and its .DLT. */
export async function ensureEventTopics(kafka: Kafka, topics: TopicNames, partitions: number): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    await ensureTopics(
      admin,
      Object.fromEntries(topicNames.map((topic) => [topics[topic], { partitions, withDeadLetter: true }])),
    );
  } finally {
    await admin.disconnect();
  }
}
