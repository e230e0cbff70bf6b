import { defineEntity, type InferEntity } from '@mikro-orm/core';

/**
 * An event waiting to be published: written in the same transaction as the state change it
 * announces, published by the outbox relay in id order, then stamped with `publishedAt`.
 */
export const OutboxMessage = defineEntity({
  name: 'OutboxMessage',
  tableName: 'outbox',
  properties: (p) => ({
    id: p.bigint('number').primary().autoincrement(),
    topic: p.string().length(255),
    /** Kafka message key: the application id, so one application's events stay in order. */
    messageKey: p.string().length(255),
    eventId: p.uuid().unique('outbox_event_id_unique'),
    eventType: p.string().length(255),
    correlationId: p.string().length(64),
    /** The event as JSON (timestamps as ISO strings, money as decimal strings). */
    payload: p.json<Record<string, unknown>>(),
    createdAt: p
      .datetime()
      .defaultRaw('now()')
      .onCreate(() => new Date()),
    publishedAt: p.datetime().nullable(),
    attempts: p.integer().default(0),
    lastError: p.text().nullable(),
  }),
  indexes: [
    {
      name: 'outbox_unpublished_idx',
      expression: 'create index "outbox_unpublished_idx" on "outbox" ("id") where "published_at" is null',
    },
    {
      name: 'outbox_published_at_idx',
      expression:
        'create index "outbox_published_at_idx" on "outbox" ("published_at") where "published_at" is not null',
    },
    {
      name: 'outbox_key_unpublished_idx',
      expression:
        'create index "outbox_key_unpublished_idx" on "outbox" ("message_key", "id") where "published_at" is null',
    },
  ],
});

export type OutboxRow = InferEntity<typeof OutboxMessage>;
