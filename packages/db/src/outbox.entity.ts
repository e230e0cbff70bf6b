import { defineEntity, type InferEntity } from '@mikro-orm/core';

/** The channel every insert into the outbox notifies, with each topic it wrote as payload. */
export const OUTBOX_CHANNEL = 'outbox_rows';

/*
 * Every insert notifies OUTBOX_CHANNEL with the topics it wrote, once per statement and topic (the
 * transition table), on commit: relays listen instead of polling (decision 0010). The function is
 * named as MikroORM names a trigger's function (<table>_<trigger>_fn). A change here needs a new
 * migration, like any change of the schema.
 */
export const OUTBOX_NOTIFY_DDL = `create function "outbox_outbox_rows_notify_fn"() returns trigger language plpgsql as $$
  begin
    perform pg_notify('${OUTBOX_CHANNEL}', written.topic) from (select distinct topic from new_rows) as written;
    return null;
  end $$;
create trigger "outbox_rows_notify" after insert on "outbox"
  referencing new table as new_rows for each statement execute function "outbox_outbox_rows_notify_fn"();`;

/*
 * A role sees, claims, publishes and prunes only the rows it wrote, and writes only in its own name
 * (decision 0014). The owner of the table (migrations, make db-migrate) is not subject to it.
 */
const OWN_ROWS = '"written_by" = CURRENT_USER';

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
    eventId: p.uuid(),
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
    /** The database role that wrote the row; only that role's relay may publish it (decision 0014). */
    writtenBy: p.text().nullable().defaultRaw('CURRENT_USER'),
  }),
  policies: [{ name: 'outbox_own_rows', using: OWN_ROWS, check: OWN_ROWS }],
  /*
   * An event id is unique per writer: unique across writers, a role could take the id of an event
   * another service is bound to write (they are derived, so predictable) and block it.
   */
  uniques: [{ name: 'outbox_writer_event_id_unique', properties: ['writtenBy', 'eventId'] }],
  triggers: [
    {
      name: 'outbox_rows_notify',
      timing: 'after',
      events: ['insert'],
      forEach: 'statement',
      expression: OUTBOX_NOTIFY_DDL,
    },
  ],
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
