import type { EntityManager } from '@mikro-orm/postgresql';
import { recordProcessedEvents, type Database } from '@prequal/db';
import type { EventCipher } from '@prequal/pii';
import { contentViolations, type EventOf, type TopicName } from '@prequal/events';
import { InvalidEventContentError } from '../errors.ts';
import { enqueueEvents } from '../outbox.ts';
import type { OutgoingEvent } from '../outgoing.ts';
import type { EventPublisher } from '../producer.ts';
import type { Delivery, Middleware } from './delivery.ts';

/**
 * Refuses a batch holding an event whose content breaks the domain's rules (the rules the API
 * applies to requests): fatal, so the runtime applies the events one by one and dead-letters the
 * bad one at the first hop instead of passing it on.
 */
export function refuseInvalidContent<T extends TopicName>(): Middleware<T> {
  return async (delivery, next) => {
    for (const { event } of delivery.events) {
      const violations = contentViolations(delivery.topic, event);
      if (violations.length > 0) {
        throw new InvalidEventContentError(
          `event ${event.eventId} breaks the rules of its content: ${violations.map(({ field, rule }) => `${field} ${rule}`).join('; ')}`,
        );
      }
    }
    await next();
  };
}

/** One log record per event once the batch is applied: what it emitted, or that it was a repeat. */
export function logOutcomes<T extends TopicName>(): Middleware<T> {
  return async (delivery, next) => {
    const received = delivery.events;
    await next();
    const applied = new Set(delivery.events);
    for (const incoming of received) {
      const { eventId, applicationId } = incoming.event;
      if (!applied.has(incoming)) {
        incoming.logger.info({ applicationId }, 'event skipped: processed before');
        continue;
      }
      const emitted = delivery.emitted
        .filter(({ event }) => 'causationEventId' in event && event.causationEventId === eventId)
        .map(({ topic, eventId: id }) => ({ topic, eventId: id }));
      incoming.logger.info({ applicationId, emitted }, 'event handled');
    }
  };
}

/** Applies the batch in one transaction of the service's database (commits after the inner steps). */
export function inTransaction<T extends TopicName>(database: Database): Middleware<T> {
  return (delivery, next) =>
    database.em().transactional(async (tx) => {
      delivery.tx = tx;
      await next();
    });
}

/** The batch's transaction, which `inTransaction` opened further out. */
export function transactionOf({ tx }: { readonly tx: EntityManager | undefined }): EntityManager {
  if (!tx) throw new Error('this middleware needs inTransaction before it');
  return tx;
}

/**
 * Records the events as processed by the consumer group, in the batch's transaction, and passes on
 * only those not processed before (a redelivery, or the same event twice in a batch, is applied once).
 */
export function skipProcessed<T extends TopicName>(consumerGroup: string): Middleware<T> {
  return async (delivery, next) => {
    const fresh = await recordProcessedEvents(
      transactionOf(delivery),
      consumerGroup,
      delivery.events.map(({ event }) => event.eventId),
    );
    // delete: an event twice in one batch is applied once.
    delivery.events = delivery.events.filter(({ event }) => fresh.delete(event.eventId));
    await next();
  };
}

/** Writes what the handler emitted to the outbox (personal data sealed), in the batch's transaction. */
export function writeToOutbox<T extends TopicName>(cipher: EventCipher): Middleware<T> {
  return async (delivery, next) => {
    await next();
    await enqueueEvents(transactionOf(delivery), delivery.emitted, new Date(), cipher);
  };
}

/** Publishes what the handler emitted, in one produce request, before the offsets are committed. */
export function publishEmitted<T extends TopicName>(publisher: EventPublisher): Middleware<T> {
  return async (delivery, next) => {
    await next();
    await publisher.publish(delivery.emitted);
  };
}

/** The innermost step: the handler, from the events to what they cause. */
export function runHandler<T extends TopicName>(
  handler: (events: readonly EventOf<T>[], delivery: Delivery<T>) => Promise<readonly OutgoingEvent[]>,
): Middleware<T> {
  return async (delivery) => {
    const events = delivery.events.map(({ event }) => event);
    delivery.emitted = events.length === 0 ? [] : await handler(events, delivery);
  };
}
