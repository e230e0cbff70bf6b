import type { Admin } from 'kafkajs';

/** Messages of `topic` the group has not committed yet, over all partitions. */
export async function consumerLag(admin: Admin, groupId: string, topic: string): Promise<number> {
  const [ends, committed] = await Promise.all([
    admin.fetchTopicOffsets(topic),
    admin.fetchOffsets({ groupId, topics: [topic] }),
  ]);
  const committedByPartition = new Map(
    (committed[0]?.partitions ?? []).map((partition) => [partition.partition, Number(partition.offset)]),
  );
  let lag = 0;
  for (const { partition, high, low } of ends) {
    const at = committedByPartition.get(partition) ?? -1;
    lag += Math.max(0, Number(high) - (at < 0 ? Number(low) : at));
  }
  return lag;
}

/** The node.id of the leader of a partition (-1 while it has none). */
export async function leaderOf(admin: Admin, topic: string, partition: number): Promise<number> {
  const { topics } = await admin.fetchTopicMetadata({ topics: [topic] });
  const found = topics[0]?.partitions.find((candidate) => candidate.partitionId === partition);
  if (!found) throw new Error(`${topic} has no partition ${partition}`);
  return found.leader;
}

export interface TopicReplication {
  readonly topic: string;
  /** Replicas of each partition. */
  readonly replicas: readonly number[];
  /** Partitions whose in-sync replicas are fewer than their replicas. */
  readonly underReplicated: number;
}

/** How many copies each partition of the topics has, and how many partitions lack one in sync. */
export async function replicationOf(admin: Admin, topics: readonly string[]): Promise<TopicReplication[]> {
  const { topics: metadata } = await admin.fetchTopicMetadata({ topics: [...topics] });
  return metadata.map(({ name, partitions }) => ({
    topic: name,
    replicas: partitions.map((partition) => partition.replicas.length),
    underReplicated: partitions.filter((partition) => partition.isr.length < partition.replicas.length)
      .length,
  }));
}
