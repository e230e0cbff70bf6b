import type { EntityManager } from '@mikro-orm/postgresql';
import { insertOutboxRows, type NewOutboxRow } from '@prequal/db';
import { topicTable, type TopicName } from '@prequal/events';
import type { EventCipher } from '@prequal/pii';
import type { OutgoingEvent } from './outgoing.ts';

/**
 * The outbox row of an event, its personal data sealed (the outbox holds no PII in clear): the
 * one mapping from an event to its row.
 */
export function outboxRowOf<T extends TopicName>(
  outgoing: OutgoingEvent<T>,
  createdAt: Date,
  cipher: EventCipher,
): NewOutboxRow {
  return {
    createdAt,
    topic: outgoing.topic,
    messageKey: outgoing.key,
    eventId: outgoing.eventId,
    eventType: topicTable[outgoing.topic],
    correlationId: outgoing.correlationId,
    // As eventToJson would give it (the same JSON), written once.
    payload: JSON.stringify(cipher.seal(outgoing.topic, outgoing.event)),
  };
}

/**
 * Adds events to the outbox in the caller's transaction, so they commit (or not) together with the
 * state change they announce. The relay publishes them afterwards (the insert notifies it).
 */
export function enqueueEvents(
  tx: EntityManager,
  events: readonly OutgoingEvent[],
  now: Date,
  cipher: EventCipher,
): Promise<void> {
  return insertOutboxRows(
    tx,
    events.map((event) => outboxRowOf(event, now, cipher)),
  );
}
