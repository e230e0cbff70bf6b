import type { Admin } from 'kafkajs';

/** Whether a consumer group has joined: state Stable with at least one member. */
export async function groupStable(admin: Admin, groupId: string): Promise<boolean> {
  const { groups } = await admin.describeGroups([groupId]);
  const group = groups[0];
  return group?.state === 'Stable' && group.members.length > 0;
}

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
