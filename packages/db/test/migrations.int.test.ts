import test from 'ava';
import { databaseReady, migrations } from '@prequal/db';
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
  t.is(undone.length, migrations.length);
  await database.orm.migrator.up();
  t.is((await database.orm.schema.getUpdateSchemaSQL({ wrap: false })).trim(), '');
});

test('the database check fails, saying why, until every migration is applied', async (t) => {
  const database = await createMigratedDatabase((await stack()).databaseUrl);
  t.teardown(() => database.drop());
  await t.notThrowsAsync(databaseReady(database.orm));

  await database.orm.migrator.down({ to: 0 });
  await t.throwsAsync(databaseReady(database.orm), {
    message: new RegExp(`not migrated: 0 of ${migrations.length} migrations applied`),
  });
  await database.orm.migrator.up();
  await t.notThrowsAsync(databaseReady(database.orm));

  await database.orm.em.fork().execute('drop table mikro_orm_migrations');
  await t.throwsAsync(databaseReady(database.orm), {
    message: new RegExp(`not migrated: 0 of ${migrations.length} migrations applied`),
  });
});
