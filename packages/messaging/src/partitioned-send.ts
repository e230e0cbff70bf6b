import { Partitioners, type Admin, type Message, type PartitionMetadata, type RecordMetadata } from 'kafkajs';

/** How many partitions a Kafka topic has. */
export type PartitionCount = (kafkaTopic: string) => Promise<number>;

/**
 * Partition counts from the cluster's metadata, each looked up once per process (adding
 * partitions is done with the producers paused and restarted: README, "Scaling"); a failed
 * look-up is not kept.
 */
export function partitionCountsOf(admin: () => Promise<Admin>): PartitionCount {
  const counts = new Map<string, Promise<number>>();
  return (topic) => {
    let count = counts.get(topic);
    if (!count) {
      count = (async () => {
        const { topics } = await (await admin()).fetchTopicMetadata({ topics: [topic] });
        const partitions = topics[0]?.partitions.length ?? 0;
        if (partitions === 0) throw new Error(`no partitions known for ${topic}`);
        return partitions;
      })();
      counts.set(topic, count);
      count.catch(() => counts.delete(topic));
    }
    return count;
  };
}

/** Messages for one partition of one topic, in order. */
export interface PartitionBatch {
  readonly topic: string;
  readonly partition: number;
  readonly messages: Message[];
}

/**
 * Groups messages by the partition kafkajs's default partitioner (Java's: murmur2 of the key)
 * puts them in, in order, each message naming its partition, so that the partitions a send must
 * be acknowledged for are known before it is made (unacknowledgedPartitions).
 */
export async function byPartition(
  messages: readonly { topic: string; message: Message }[],
  partitionCount: PartitionCount,
): Promise<PartitionBatch[]> {
  const partitioner = Partitioners.DefaultPartitioner();
  const batches = new Map<string, PartitionBatch>();
  for (const { topic, message } of messages) {
    const partitionMetadata = metadataOf(await partitionCount(topic));
    const partition = partitioner({ topic, partitionMetadata, message });
    const id = `${topic}\u0000${partition}`;
    const batch = batches.get(id) ?? { topic, partition, messages: [] };
    batch.messages.push({ ...message, partition });
    batches.set(id, batch);
  }
  return [...batches.values()];
}

/** The messages of the batches as one `sendBatch` takes them: per topic, partitions named. */
export function topicMessagesOf(
  batches: readonly PartitionBatch[],
): { topic: string; messages: Message[] }[] {
  const byTopic = new Map<string, Message[]>();
  for (const { topic, messages } of batches) byTopic.set(topic, [...(byTopic.get(topic) ?? []), ...messages]);
  return [...byTopic].map(([topic, messages]) => ({ topic, messages }));
}

/**
 * The partitions of `batches` that no acknowledgement names. kafkajs 2.2.4 sends a batch as one
 * request per leader; when a retry follows a leader change it skips the brokers that answered
 * the first attempt, even one that now leads a failed partition, and resolves as if everything
 * was written (tulios/kafkajs#1303, #1798). What it skipped is missing from what it resolves
 * with, so a send is complete only when every partition it carried is acknowledged.
 */
export function unacknowledgedPartitions(
  batches: readonly PartitionBatch[],
  acknowledged: readonly RecordMetadata[],
): { topic: string; partition: number }[] {
  const seen = new Set(
    acknowledged
      .filter((metadata) => metadata.errorCode === 0)
      .map(({ topicName, partition }) => `${topicName}\u0000${partition}`),
  );
  return batches
    .filter(({ topic, partition }) => !seen.has(`${topic}\u0000${partition}`))
    .map(({ topic, partition }) => ({ topic, partition }));
}

/** Metadata enough for the partitioner, which only counts partitions for keyed messages. */
function metadataOf(count: number): PartitionMetadata[] {
  return Array.from({ length: count }, (_, partitionId) => ({
    partitionErrorCode: 0,
    partitionId,
    leader: 0,
    replicas: [],
    isr: [],
    offlineReplicas: [],
  }));
}
