import { createOrm, migrate, pgConnectionOf, type Database } from '@prequal/db';
import { createTestDatabase, type TestDatabase } from './database.ts';

/** A test's own database, usable wherever a service's Database is. */
export interface MigratedDatabase extends TestDatabase, Database {}

/** A fresh database of its own with our migrations applied, and an ORM connected to it. */
export async function createMigratedDatabase(serverUrl: string, poolSize = 5): Promise<MigratedDatabase> {
  const database = await createTestDatabase(serverUrl);
  const connection = pgConnectionOf(database.url);
  const orm = await createOrm({ connection, poolSize });
  await migrate(orm);
  return {
    url: database.url,
    connection,
    orm,
    em: () => orm.em.fork(),
    drop: async () => {
      await orm.close(true);
      await database.drop();
    },
  };
}
