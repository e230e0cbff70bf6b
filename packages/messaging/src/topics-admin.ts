import { setTimeout as sleep } from 'node:timers/promises';
import kafkajs, { type Admin, type Kafka } from 'kafkajs';
import { deadLetterTopicOf, topicNames, type TopicName } from '@prequal/events';
import { personalDataFields } from '@prequal/pii';
import type { TopicNames } from './topic-names.ts';

export interface TopicSpec {
  readonly partitions: number;
  readonly withDeadLetter?: boolean;
  /** Topic-level settings of the topic and its dead-letter topic (retention.ms, say). */
  readonly config?: Readonly<Record<string, string>>;
}

/** The topic-level settings as kafkajs takes them. */
function configEntries(config: Readonly<Record<string, string>> = {}): { name: string; value: string }[] {
  return Object.entries(config).map(([name, value]) => ({ name, value }));
}

/**
 * Creates the topics (and their dead-letter topics) that do not exist yet, and waits for leaders.
 * Replication comes from the broker's defaults (default.replication.factor, min.insync.replicas).
 */
export async function ensureTopics(admin: Admin, topics: Readonly<Record<string, TopicSpec>>): Promise<void> {
  const existing = new Set(await admin.listTopics());
  const wanted = Object.entries(topics).flatMap(([topic, spec]) => [
    { topic, numPartitions: spec.partitions, configEntries: configEntries(spec.config) },
    ...(spec.withDeadLetter
      ? [{ topic: deadLetterTopicOf(topic), numPartitions: 1, configEntries: configEntries(spec.config) }]
      : []),
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

/** Default of PII_TOPIC_RETENTION_HOURS: a week, as the broker's log retention and RETENTION_HOURS. */
const PII_TOPIC_RETENTION_HOURS = 168;

/**
 * The topic table's topics with their settings: a topic whose events carry personal data (PII
 * tags; sealed, but still personal data) and its .DLT keep it no longer than `piiRetentionHours`,
 * set on the topic, so a longer broker default cannot keep it longer.
 */
export function eventTopicSpecs(
  topics: TopicNames,
  partitions: number,
  piiRetentionHours = PII_TOPIC_RETENTION_HOURS,
): Record<string, TopicSpec> {
  return Object.fromEntries(
    topicNames.map((topic) => [
      topics[topic],
      {
        partitions,
        withDeadLetter: true,
        ...(personalDataFields(topic).length > 0 && {
          config: { 'retention.ms': String(piiRetentionHours * 3_600_000), 'cleanup.policy': 'delete' },
        }),
      },
    ]),
  );
}

/** The topics a service reads (with their .DLT, which it writes) and writes (without). */
export interface OwnTopics {
  readonly reads: readonly TopicName[];
  readonly writes: readonly TopicName[];
}

/**
 * Creates the topics of the topic table (under their Kafka names) with `partitions`, and their
 * .DLT: all of them, or a service's own (a principal with only its own ACLs sees no other topic,
 * not even the .DLT of a topic it writes, and may create none).
 */
export async function ensureEventTopics(
  kafka: Kafka,
  topics: TopicNames,
  partitions: number,
  piiRetentionHours?: number,
  only?: OwnTopics,
): Promise<void> {
  const specs = eventTopicSpecs(topics, partitions, piiRetentionHours);
  const own = (names: readonly TopicName[], withDeadLetter: boolean) =>
    names.flatMap((topic) => {
      const spec = specs[topics[topic]];
      return spec
        ? [
            [
              topics[topic],
              { ...spec, withDeadLetter: withDeadLetter && spec.withDeadLetter === true },
            ] as const,
          ]
        : [];
    });
  const wanted =
    only === undefined ? specs : Object.fromEntries([...own(only.reads, true), ...own(only.writes, false)]);
  const admin = kafka.admin();
  await admin.connect();
  try {
    await ensureTopics(admin, wanted);
  } finally {
    await admin.disconnect();
  }
}

/**
 * Sets the topic-level settings of existing topics (an operator's `make topics-create` after the
 * settings changed); the services only create missing topics, and may lack the right to alter.
 */
export async function applyTopicConfigs(
  admin: Admin,
  topics: Readonly<Record<string, TopicSpec>>,
): Promise<void> {
  const resources = Object.entries(topics)
    .filter(([, spec]) => spec.config)
    .flatMap(([topic, spec]) =>
      [topic, ...(spec.withDeadLetter ? [deadLetterTopicOf(topic)] : [])].map((name) => ({
        // kafkajs (CommonJS) exports this enum only on its default export.
        type: kafkajs.ConfigResourceTypes.TOPIC,
        name,
        configEntries: configEntries(spec.config),
      })),
    );
  if (resources.length > 0) await admin.alterConfigs({ validateOnly: false, resources });
}
