import type { EntityManager } from '@mikro-orm/postgresql';
import type { Database } from '@prequal/db';
import type { EventCipher } from '@prequal/pii';
import type { EventOf, TopicName } from '@prequal/events';
import type { OutgoingEvent } from '../outgoing.ts';
import type { EventPublisher } from '../producer.ts';
import type { Middleware } from './delivery.ts';
import {
  inTransaction,
  publishEmitted,
  runHandler,
  skipProcessed,
  transactionOf,
  writeToOutbox,
} from './middlewares.ts';

/** What a consumer does with what its handler emits, given what the runtime knows of it. */
export type Pipeline<T extends TopicName> = (context: {
  readonly consumerGroup: string;
  readonly publisher: EventPublisher;
  readonly cipher: EventCipher;
}) => readonly Middleware<T>[];

/**
 * A consumer with a database: each batch in one transaction, events processed before skipped,
 * the handler's state changes and the events it emits committed together (the outbox), so a
 * redelivery changes nothing and nothing is published that was not committed.
 */
export function storeWithOutbox<T extends TopicName>(
  database: Database,
  handler: (events: readonly EventOf<T>[], tx: EntityManager) => Promise<readonly OutgoingEvent[]>,
): Pipeline<T> {
  return ({ consumerGroup, cipher }) => [
    inTransaction(database),
    skipProcessed(consumerGroup),
    writeToOutbox(cipher),
    runHandler((events, delivery) => handler(events, transactionOf(delivery))),
  ];
}

/**
 * A consumer without state: what the handler emits is published directly, before the offsets are
 * committed. A redelivery emits the same events again (the handler must be deterministic: same
 * input, same event ids), which downstream recognises.
 */
export function publishDirectly<T extends TopicName>(
  handler: (events: readonly EventOf<T>[]) => readonly OutgoingEvent[],
): Pipeline<T> {
  return ({ publisher }) => [
    publishEmitted(publisher),
    runHandler((events) => Promise.resolve(handler(events))),
  ];
}
