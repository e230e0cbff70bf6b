import type { EntityManager } from '@mikro-orm/postgresql';
import { insertOutboxRows, type NewOutboxRow } from '@prequal/db';
import { topicTable, type TopicName } from '@prequal/events';
import { eventToJson } from './json-codec.ts';
import type { OutgoingEvent } from './outgoing.ts';

/** The outbox row of an event: the one mapping from an event to its row. */
export function outboxRowOf<T extends TopicName>(outgoing: OutgoingEvent<T>, createdAt: Date): NewOutboxRow {
  return {
    createdAt,
    topic: outgoing.topic,
    messageKey: outgoing.key,
    eventId: outgoing.eventId,
    eventType: topicTable[outgoing.topic],
    correlationId: outgoing.correlationId,
    payload: eventToJson(outgoing.event),
  };
}

/**
 * Adds events to the outbox in the caller's transaction, so they commit (or not) together with the
 * state change they announce. The relay publishes them afterwards (the insert notifies it).
 */
export function enqueueEvents(tx: EntityManager, events: readonly OutgoingEvent[], now: Date): Promise<void> {
  return insertOutboxRows(
    tx,
    events.map((event) => outboxRowOf(event, now)),
  );
}
