import test from 'ava';
import { createMigratedDatabase, stack } from '@prequal/testkit';

test('the migrations build exactly the schema the entities describe', async (t) => {
  const database = await createMigratedDatabase((await stack()).databaseUrl);
  t.teardown(() => database.drop());

  const pending = await database.orm.schema.getUpdateSchemaSQL({ wrap: false });

  t.is(pending.trim(), '', `the entities differ from the migrated schema:\n${pending}`);
});

test('migrating twice applies nothing the second time, and down then up restores the schema', async (t) => {
  const database = await createMigratedDatabase((await stack()).databaseUrl);
  t.teardown(() => database.drop());

  t.deepEqual(await database.orm.migrator.up(), []);
  const undone = await database.orm.migrator.down({ to: 0 });
  t.true(undone.length >= 2);
  await database.orm.migrator.up();
  t.is((await database.orm.schema.getUpdateSchemaSQL({ wrap: false })).trim(), '');
});
