import type { EntityManager } from '@mikro-orm/postgresql';
import type { EventOf, TopicName } from '@prequal/events';
import type { Logger } from '@prequal/service-kit';
import type { OutgoingEvent } from '../outgoing.ts';

/** A decoded message: the event, and a logger carrying its correlation id. */
export interface IncomingEvent<T extends TopicName> {
  readonly event: EventOf<T>;
  readonly correlationId: string | undefined;
  readonly logger: Logger;
}

/** A batch of events on its way through a consumer's middlewares, to its handler and back. */
export interface Delivery<T extends TopicName> {
  readonly topic: T;
  readonly attempt: number;
  /** The events still to apply: a middleware may narrow them (to those not processed before, say). */
  events: readonly IncomingEvent<T>[];
  /** The transaction the batch is applied in, for a consumer with a database. */
  tx: EntityManager | undefined;
  /** What the handler emitted, for a middleware to write to the outbox or to publish. */
  emitted: readonly OutgoingEvent[];
}

/** A step around the handler: does its part before and after `next()`, or throws. */
export type Middleware<T extends TopicName> = (
  delivery: Delivery<T>,
  next: () => Promise<void>,
) => Promise<void>;

/** Applies a batch of events atomically, or throws (what the consumer runtime calls). */
export type ApplyEvents<T extends TopicName> = (
  events: readonly IncomingEvent<T>[],
  attempt: number,
) => Promise<void>;

/** The middlewares as one function, the first outermost (as Koa composes them). */
export function compose<T extends TopicName>(
  topic: T,
  middlewares: readonly Middleware<T>[],
): ApplyEvents<T> {
  return async (events, attempt) => {
    const delivery: Delivery<T> = { topic, attempt, events, tx: undefined, emitted: [] };
    const step = async (index: number): Promise<void> => {
      const middleware = middlewares[index];
      if (middleware) await middleware(delivery, () => step(index + 1));
    };
    await step(0);
  };
}
