import { defineEntity, type InferEntity } from '@mikro-orm/core';

/** An event a consumer group has applied; a redelivery of it is recognised and skipped. */
export const ProcessedEvent = defineEntity({
  name: 'ProcessedEvent',
  tableName: 'processed_events',
  properties: (p) => ({
    consumerGroup: p.string().length(255).primary(),
    eventId: p.uuid().primary(),
    processedAt: p
      .datetime()
      .defaultRaw('now()')
      .onCreate(() => new Date()),
  }),
  primaryKeys: ['consumerGroup', 'eventId'],
  indexes: [
    {
      name: 'processed_events_group_processed_at_idx',
      expression:
        'create index "processed_events_group_processed_at_idx" on "processed_events" ("consumer_group", "processed_at")',
    },
  ],
});

export type ProcessedEventRow = InferEntity<typeof ProcessedEvent>;
