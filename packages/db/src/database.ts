import type { EntityManager } from '@mikro-orm/postgresql';
import type { Part } from '@prequal/service-kit';
import { databaseReady } from './health.ts';
import { createOrm, migrate, type Orm } from './orm.ts';
import { pgConnection, type PgConnection } from './connection.ts';
import type { DatabaseSettings } from './settings.ts';

/** A service's database: the ORM, and a fresh EntityManager per unit of work. */
export interface Database {
  readonly orm: Orm;
  /** How the pool connects; a service's other connections (the outbox listener) connect alike. */
  readonly connection: PgConnection;
  /** A fresh EntityManager for one unit of work. */
  readonly em: () => EntityManager;
}

/** The connection pool (and the migrations, with RUN_MIGRATIONS); /ready checks the schema. */
export function databasePart(settings: DatabaseSettings): Part<Database> {
  return {
    name: 'database pool',
    start: async ({ logger }) => {
      const connection = pgConnection(settings);
      const orm = await createOrm({ connection, poolSize: settings.DATABASE_POOL_SIZE });
      logger.info({ database: connection.description }, 'database pool');
      if (settings.RUN_MIGRATIONS) logger.info({ applied: await migrate(orm) }, 'migrations applied');
      return { orm, connection, em: () => orm.em.fork() };
    },
    stop: ({ orm }) => orm.close(),
    readiness: ({ orm }) => ({ database: () => databaseReady(orm) }),
  };
}
