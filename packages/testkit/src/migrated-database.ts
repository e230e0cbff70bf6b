import { createOrm, migrate, type Orm } from '@prequal/db';
import { createTestDatabase, type TestDatabase } from './database.ts';

export interface MigratedDatabase extends TestDatabase {
  readonly orm: Orm;
}

/** A fresh database of its own with our migrations applied, and an ORM connected to it. */
export async function createMigratedDatabase(serverUrl: string, poolSize = 5): Promise<MigratedDatabase> {
  const database = await createTestDatabase(serverUrl);
  const orm = await createOrm({ databaseUrl: database.url, poolSize });
  await migrate(orm);
  return {
    url: database.url,
    orm,
    drop: async () => {
      await orm.close(true);
      await database.drop();
    },
  };
}
