import type { EventOf, TopicName } from '@prequal/events';

/** An event to publish with its envelope: type-checked against the topic table. */
export interface OutgoingEvent<T extends TopicName = TopicName> {
  readonly topic: T;
  /** Message key: the application id, so one application's events keep their order. */
  readonly key: string;
  readonly eventId: string;
  readonly correlationId: string;
  readonly event: EventOf<T>;
}

/**
 * An event of `topic` with its envelope, all taken from the event itself (every event carries its
 * id, its correlation id and its application id: the key), so no caller writes an envelope by hand.
 */
export function outgoingEvent<T extends TopicName>(topic: T, event: EventOf<T>): OutgoingEvent<T> {
  return {
    topic,
    key: event.applicationId,
    eventId: event.eventId,
    correlationId: event.correlationId,
    event,
  };
}
