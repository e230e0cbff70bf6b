import type { EntityManager } from '@mikro-orm/postgresql';
import type { Part } from '@prequal/service-kit';
import { databaseReady } from './health.ts';
import { createOrm, migrate, type Orm } from './orm.ts';
import type { DatabaseSettings } from './settings.ts';

/** A service's database: the ORM, and a fresh EntityManager per unit of work. */
export interface Database {
  readonly orm: Orm;
  readonly url: string;
  /** A fresh EntityManager for one unit of work. */
  readonly em: () => EntityManager;
}

/** The connection pool (and the migrations, with RUN_MIGRATIONS); /ready checks the schema. */
export function databasePart(settings: DatabaseSettings): Part<Database> {
  return {
    name: 'database pool',
    start: async ({ logger }) => {
      const orm = await createOrm({
        databaseUrl: settings.DATABASE_URL,
        poolSize: settings.DATABASE_POOL_SIZE,
      });
      if (settings.RUN_MIGRATIONS) logger.info({ applied: await migrate(orm) }, 'migrations applied');
      return { orm, url: settings.DATABASE_URL, em: () => orm.em.fork() };
    },
    stop: ({ orm }) => orm.close(),
    readiness: ({ orm }) => ({ database: () => databaseReady(orm) }),
  };
}
