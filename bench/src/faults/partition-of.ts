import { Partitioners, type PartitionMetadata } from 'kafkajs';

/**
 * The partition an application's events go to: every topic is keyed by the application id and
 * has the same partitions, and our producers use kafkajs's default (murmur2) partitioner, so one
 * application stays on one partition number at both hops.
 */
export function partitionOf(partitions: number): (applicationId: string) => number {
  const partitioner = Partitioners.DefaultPartitioner();
  const partitionMetadata: PartitionMetadata[] = Array.from({ length: partitions }, (_, partitionId) => ({
    partitionId,
    leader: 0,
    partitionErrorCode: 0,
    replicas: [0],
    isr: [0],
  }));
  return (applicationId) =>
    partitioner({ topic: 'any', partitionMetadata, message: { key: applicationId, value: null } });
}
