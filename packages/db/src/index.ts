export { Application, type ApplicationRow } from './application.entity.ts';
export { OutboxMessage, type OutboxRow } from './outbox.entity.ts';
export { ProcessedEvent, type ProcessedEventRow } from './processed-event.entity.ts';
export { createOrm, migrate, entities, type Orm, type OrmOptions } from './orm.ts';
export { migrations } from './migrations/index.ts';
export { databaseReady } from './health.ts';
export { placeholders } from './sql.ts';
