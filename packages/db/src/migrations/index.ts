import { InitialSchema } from './20261125-initial-schema.ts';
import { RetentionIndexes } from './20261125-retention-indexes.ts';
import { OutboxNotifications } from './20261201-outbox-notifications.ts';
import { ApiClients } from './20261201-api-clients.ts';
import { SealedPersonalData } from './20261201-sealed-personal-data.ts';
import { DropPlaintextPersonalData } from './20261201-drop-plaintext-personal-data.ts';
import { OutboxWriters } from './20261201-outbox-writers.ts';
import { WritersOnly } from './20261201-writers-only.ts';

/** Every migration, oldest first. Add new ones at the end. */
export const migrations = [
  InitialSchema,
  RetentionIndexes,
  OutboxNotifications,
  ApiClients,
  SealedPersonalData,
  DropPlaintextPersonalData,
  OutboxWriters,
  WritersOnly,
];
