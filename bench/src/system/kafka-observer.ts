import type { Admin } from 'kafkajs';

export { consumerLag } from '@prequal/testkit';

/** Whether a consumer group has joined: state Stable with at least one member. */
export async function groupStable(admin: Admin, groupId: string): Promise<boolean> {
  const { groups } = await admin.describeGroups([groupId]);
  const group = groups[0];
  return group?.state === 'Stable' && group.members.length > 0;
}
