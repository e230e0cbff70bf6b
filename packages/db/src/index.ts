export { Application, type ApplicationRow } from './application.entity.ts';
export { OutboxMessage, type OutboxRow } from './outbox.entity.ts';
export { ProcessedEvent, type ProcessedEventRow } from './processed-event.entity.ts';
export { ApiClient, ApiKey, type ApiClientRow, type ApiKeyRow } from './api-client.entity.ts';
export { looksLikeApiKey, hashApiKey } from './api-keys.ts';
export {
  createClient,
  findKeyHolder,
  touchKey,
  revokeKey,
  listClients,
  findClientByName,
  type CreatedClient,
  type KeyHolder,
  type ClientListing,
} from './api-clients.ts';
export { pgConnection, pgConnectionOf, withDatabaseName, type PgConnection } from './connection.ts';
export {
  SERVICE_PRIVILEGES,
  grantStatements,
  grantServicePrivileges,
  parseServiceRoles,
  type DatabaseService,
} from './privileges.ts';
export {
  createOrm,
  migrate,
  migrationStatus,
  rollBackLastMigration,
  entities,
  type Orm,
  type OrmOptions,
  type MigrationStatus,
  type ExecutedMigration,
} from './orm.ts';
export { migrations } from './migrations/index.ts';
export { databaseReady } from './health.ts';
export {
  databaseSettings,
  databaseConnectionSettings,
  type DatabaseSettings,
  type DatabaseConnectionSettings,
} from './settings.ts';
export { databasePart, type Database } from './database.ts';
export {
  APPLICATION_STATUSES,
  FINAL_STATUSES,
  type ApplicationStatus,
  type FinalStatus,
} from './application-status.ts';
export {
  insertApplicationWithEvent,
  insertApplications,
  insertApplicationsWithEvents,
  findByIdempotencyKey,
  findApplication,
  findApplications,
  recordDecisions,
  countPendingApplications,
  decidedSpan,
  decisionTimesBetween,
  type NewApplication,
  type DecisionRecord,
} from './applications.ts';
export {
  OUTBOX_CHANNEL,
  insertOutboxRows,
  claimOutboxBatch,
  recordOutboxError,
  readOutboxBacklog,
  pruneOutbox,
  publishedSpan,
  type NewOutboxRow,
  type ClaimedOutboxRow,
} from './outbox-table.ts';
export { recordProcessedEvents, pruneProcessedEvents } from './processed-events.ts';
export type { PruneOptions } from './batched-delete.ts';
export {
  eraseApplicationPersonalData,
  erasePersonalDataDecidedBefore,
  erasePersonalDataByPanIndex,
  sealedUnderOtherKeys,
  replaceSealedPersonalData,
  plaintextPersonalData,
  sealPlaintextPersonalData,
  hasPlaintextColumns,
  type SealedPersonalData,
  type PlaintextPersonalData,
} from './personal-data.ts';
