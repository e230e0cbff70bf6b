import { errorProperty } from '@prequal/service-kit';
import { migrations } from './migrations/index.ts';
import type { Orm } from './orm.ts';

/** PostgreSQL: the relation does not exist. */
const UNDEFINED_TABLE = '42P01';

/** The names MikroORM records for our migrations (each class carries its own). */
function migrationNames(orm: Orm): string[] {
  return migrations.map((Migration) => new Migration(orm.em.getDriver(), orm.config).name);
}

/**
 * Resolves when the database answers and its schema has every one of our migrations applied;
 * rejects with what is wrong otherwise (so /ready does not say ready while every request would
 * fail on a missing table). Reads the migrations table itself: the migrator would create it.
 */
export async function databaseReady(orm: Orm): Promise<void> {
  const status = await orm.checkConnection();
  if (!status.ok) throw new Error(status.reason);
  const applied = await orm.em
    .fork()
    .execute<{ name: string }[]>('select name from mikro_orm_migrations')
    .then((rows) => new Set(rows.map((row) => row.name)))
    .catch((error: unknown) => {
      if (errorProperty(error, 'code') === UNDEFINED_TABLE) return new Set<string>();
      throw error;
    });
  const expected = migrationNames(orm);
  const missing = expected.filter((name) => !applied.has(name));
  if (missing.length > 0) {
    throw new Error(
      `the database schema is not migrated: ${expected.length - missing.length} of ${expected.length} ` +
        `migrations applied, missing ${missing.join(', ')} (run make db-migrate, or start with RUN_MIGRATIONS=true)`,
    );
  }
}
