import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import test from 'ava';
import { migrations, migrationStatus, rollBackLastMigration } from '@prequal/db';
import { createMigratedDatabase, createTestDatabase, stack } from '@prequal/testkit';

const MIGRATE = path.resolve(import.meta.dirname, '../src/cli/migrate.ts');

/** `make db-<command>` on a database: its exit code and what it printed. */
async function migrateCommand(databaseUrl: string, ...args: string[]) {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [MIGRATE, ...args], {
      env: { ...process.env, DATABASE_URL: databaseUrl },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

const lastOf = <T>(items: readonly T[]): T => items[items.length - 1] as T;

test('the status of a migrated database lists every migration applied, with its time, and none pending', async (t) => {
  const database = await createMigratedDatabase((await stack()).databaseUrl);
  t.teardown(() => database.drop());

  const status = await migrationStatus(database.orm);

  t.is(status.executed.length, migrations.length);
  t.deepEqual(status.pending, []);
  t.true(status.executed.every((migration) => migration.executedAt instanceof Date));
});

test('rolling back reverts the last migration only: it is pending again, and up applies it again', async (t) => {
  const database = await createMigratedDatabase((await stack()).databaseUrl);
  t.teardown(() => database.drop());
  const before = await migrationStatus(database.orm);
  const last = lastOf(before.executed).name;

  const reverted = await rollBackLastMigration(database.orm);

  t.is(reverted, last);
  const after = await migrationStatus(database.orm);
  t.deepEqual(after.pending, [last]);
  t.deepEqual(
    after.executed.map((migration) => migration.name),
    before.executed.slice(0, -1).map((migration) => migration.name),
  );
  t.deepEqual(
    (await database.orm.migrator.up()).map((migration) => migration.name),
    [last],
  );
  t.deepEqual((await migrationStatus(database.orm)).pending, []);
});

test('rolling back a database with no migration applied reverts nothing', async (t) => {
  const database = await createMigratedDatabase((await stack()).databaseUrl);
  t.teardown(() => database.drop());
  await database.orm.migrator.down({ to: 0 });

  t.is(await rollBackLastMigration(database.orm), undefined);
});

test('the command: pending, up, status, rollback and pending again on an empty database', async (t) => {
  const database = await createTestDatabase((await stack()).databaseUrl);
  t.teardown(() => database.drop());

  const fresh = await migrateCommand(database.url, 'pending');
  t.is(fresh.code, 0, fresh.stderr);
  t.is(fresh.stdout.trim().split('\n').length, migrations.length);

  const up = await migrateCommand(database.url, 'up');
  t.is(up.code, 0, up.stderr);
  t.regex(up.stdout, /^applied: /m);
  t.is((await migrateCommand(database.url, 'pending')).stdout, '');

  const status = await migrateCommand(database.url, 'status');
  t.is(status.code, 0, status.stderr);
  t.regex(status.stdout, new RegExp(`^${migrations.length} applied, 0 pending$`, 'm'));
  const last = lastOf(
    status.stdout
      .split('\n')
      .filter((line) => line.startsWith('applied  '))
      .map((line) => line.split(/ +/)[1]),
  );

  const rollback = await migrateCommand(database.url, 'rollback');
  t.is(rollback.code, 0, rollback.stderr);
  t.regex(rollback.stdout, new RegExp(`^rolled back: ${last}$`, 'm'));
  t.is((await migrateCommand(database.url, 'pending')).stdout, `${last}\n`);
  t.regex((await migrateCommand(database.url, 'status')).stdout, new RegExp(`^pending  ${last}$`, 'm'));
  t.regex((await migrateCommand(database.url)).stdout, new RegExp(`^applied: ${last}$`, 'm'));
});

test('the command refuses an unknown command with its usage and exit code 2', async (t) => {
  const result = await migrateCommand('postgres://nobody@127.0.0.1:1/none', 'sideways');
  t.is(result.code, 2);
  t.regex(result.stderr, /unknown command sideways/);
  t.regex(result.stderr, /usage: migrate/);
});
