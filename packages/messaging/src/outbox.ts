import type { EntityManager } from '@mikro-orm/postgresql';
import { OutboxMessage, placeholders } from '@prequal/db';
import { topicNames, topicTable, type TopicName } from '@prequal/events';
import { eventToJson } from './json-codec.ts';
import type { OutgoingEvent } from './producer.ts';

/**
 * Adds an event to the outbox in the caller's unit of work, so it commits (or not) together with
 * the state change it announces. The relay publishes it afterwards.
 */
export function enqueueEvent<T extends TopicName>(em: EntityManager, outgoing: OutgoingEvent<T>): void {
  em.create(OutboxMessage, outboxFields(outgoing));
}

/** The outbox row of an event: the one mapping from an event to its row. */
function outboxFields<T extends TopicName>(outgoing: OutgoingEvent<T>) {
  return {
    topic: outgoing.topic,
    messageKey: outgoing.key,
    eventId: outgoing.eventId,
    eventType: topicTable[outgoing.topic],
    correlationId: outgoing.correlationId,
    payload: eventToJson(outgoing.event),
  };
}

/** The outbox columns `outboxValues` fills, for code that inserts rows with its own SQL. */
export const OUTBOX_COLUMNS = [
  'topic',
  'message_key',
  'event_id',
  'event_type',
  'correlation_id',
  'payload',
] as const;

/** The values of an outbox row in `OUTBOX_COLUMNS` order (the payload as JSON text). */
export function outboxValues<T extends TopicName>(outgoing: OutgoingEvent<T>): unknown[] {
  const row = outboxFields(outgoing);
  return [
    row.topic,
    row.messageKey,
    row.eventId,
    row.eventType,
    row.correlationId,
    JSON.stringify(row.payload),
  ];
}

/** Unpublished rows (of `topics`) and the age of the oldest, for the backlog metrics. */
export async function readOutboxBacklog(
  em: EntityManager,
  topics: readonly TopicName[] = topicNames,
): Promise<{ count: number; oldestAgeSeconds: number }> {
  if (topics.length === 0) return { count: 0, oldestAgeSeconds: 0 };
  const [row] = await em.execute<{ count: string; oldest: number | null }[]>(
    `select count(*) as count, extract(epoch from now() - min(created_at))::float8 as oldest
     from outbox where published_at is null and topic in (${placeholders(topics.length)})`,
    [...topics],
  );
  return { count: Number(row?.count ?? 0), oldestAgeSeconds: row?.oldest ?? 0 };
}
