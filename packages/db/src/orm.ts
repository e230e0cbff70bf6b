import { MikroORM, PostgreSqlDriver } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import { ApiClient, ApiKey } from './api-client.entity.ts';
import { Application } from './application.entity.ts';
import { OutboxMessage } from './outbox.entity.ts';
import { ProcessedEvent } from './processed-event.entity.ts';
import { migrations } from './migrations/index.ts';
import type { PgConnection } from './connection.ts';

export const entities = [Application, OutboxMessage, ProcessedEvent, ApiClient, ApiKey];

export interface OrmOptions {
  readonly connection: PgConnection;
  readonly poolSize: number;
  readonly debug?: boolean;
}

/** The MikroORM instance for our tables, with the migrations registered. */
export function createOrm({ connection, poolSize, debug = false }: OrmOptions) {
  return MikroORM.init({
    driver: PostgreSqlDriver,
    clientUrl: connection.url,
    entities,
    extensions: [Migrator],
    migrations: { migrationsList: migrations, snapshot: false, transactional: true, allOrNothing: true },
    pool: { min: 0, max: poolSize },
    // pg's pool: give up on a connection that cannot be had in 5 s (a full pool, a database that
    // does not answer) instead of waiting for ever; TCP keep-alive notices a dead peer.
    driverOptions: { connectionTimeoutMillis: 5_000, keepAlive: true, ssl: connection.ssl },
    debug,
    allowGlobalContext: false,
    ensureDatabase: false,
  });
}

export type Orm = Awaited<ReturnType<typeof createOrm>>;

/** Applies pending migrations; returns the names of those it ran. */
export async function migrate(orm: Orm): Promise<string[]> {
  const applied = await orm.migrator.up();
  return applied.map((migration) => migration.name);
}
