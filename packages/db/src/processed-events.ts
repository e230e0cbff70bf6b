import type { EntityManager } from '@mikro-orm/postgresql';
import { placeholders } from './sql.ts';
import { queryRows, statementChunks } from './statement.ts';
import { deleteInBatches, type PruneOptions } from './batched-delete.ts';

/**
 * Records events as processed by `consumerGroup`, in the caller's transaction, so that a
 * redelivery is recognised. Returns the ids not recorded before: the ones to apply.
 */
export async function recordProcessedEvents(
  tx: EntityManager,
  consumerGroup: string,
  eventIds: readonly string[],
): Promise<Set<string>> {
  const recorded = new Set<string>();
  for (const chunk of statementChunks(eventIds, 2)) {
    const inserted = await queryRows<{ event_id: string }>(
      tx,
      `insert into processed_events (consumer_group, event_id) values ${placeholders(chunk.length, '(?, ?)')}
       on conflict do nothing returning event_id`,
      chunk.flatMap((eventId) => [consumerGroup, eventId]),
    );
    for (const row of inserted) recorded.add(row.event_id);
  }
  return recorded;
}

/**
 * Deletes a consumer group's processed-event records older than `before`. Safe once `before` is
 * older than Kafka's retention: no redelivery of such an event can come any more.
 */
export function pruneProcessedEvents(
  em: EntityManager,
  consumerGroup: string,
  before: Date,
  options: PruneOptions = {},
): Promise<number> {
  return deleteInBatches(
    em,
    `delete from processed_events where (consumer_group, event_id) in (
       select consumer_group, event_id from processed_events
       where consumer_group = ? and processed_at < ?
       limit ?)`,
    [consumerGroup, before],
    options,
  );
}
