import { errorProperty } from '@prequal/service-kit';
import { migrations } from './migrations/index.ts';
import type { Orm } from './orm.ts';

/** PostgreSQL: the relation does not exist. */
const UNDEFINED_TABLE = '42P01';

/**
 * Resolves when the database answers and its schema has every migration applied; rejects with
 * what is wrong otherwise (so /ready does not say ready while every request would fail on a
 * missing table).
 */
export async function databaseReachable(orm: Orm): Promise<void> {
  const status = await orm.checkConnection();
  if (!status.ok) throw new Error(status.reason);
  const applied = await orm.em
    .fork()
    .execute<{ count: number }[]>('select count(*)::int as count from mikro_orm_migrations')
    .then((rows) => rows[0]?.count ?? 0)
    .catch((error: unknown) => {
      if (errorProperty(error, 'code') === UNDEFINED_TABLE) return 0;
      throw error;
    });
  if (applied < migrations.length) {
    throw new Error(
      `the database schema is not migrated: ${applied} of ${migrations.length} migrations applied ` +
        '(run make db-migrate, or start with RUN_MIGRATIONS=true)',
    );
  }
}
