#!/usr/bin/env node
// `make db-migrate`, `make db-status`, `make db-pending`, `make db-rollback`: the schema's
// migrations on DATABASE_URL, through MikroORM's migrator (its own record, mikro_orm_migrations).
// After `up`, each service's role (DATABASE_SERVICE_ROLES, those that exist) is granted exactly
// its privileges (docs/decisions/0014).
import { parseArgs } from 'node:util';
import Joi from 'joi';
import { loadConfig } from '@prequal/service-kit';
import { pgConnection } from '../connection.ts';
import { createOrm, migrate, migrationStatus, rollBackLastMigration, type Orm } from '../orm.ts';
import { grantServicePrivileges, parseServiceRoles } from '../privileges.ts';
import { databaseConnectionSettings, type DatabaseConnectionSettings } from '../settings.ts';

const USAGE = `usage: migrate [command]

commands:
  up        apply every pending migration (the default)
  status    every migration: applied (and when) or pending
  pending   the pending migrations only, one a line (nothing when the schema is up to date)
  rollback  revert the last applied migration (its down); run up to apply it again

exit codes: 0 done, 1 failed (the message says why), 2 usage error
reads DATABASE_URL (with DATABASE_PASSWORD_FILE, DATABASE_SSL_CA_FILE) and DATABASE_SERVICE_ROLES`;

const COMMANDS = ['up', 'status', 'pending', 'rollback'] as const;
type Command = (typeof COMMANDS)[number];

function usageError(message: string): never {
  process.stderr.write(`${message}\n\n${USAGE}\n`);
  process.exit(2);
}

function commandOf(argv: string[]): Command {
  const { positionals, values } = (() => {
    try {
      return parseArgs({
        args: argv,
        allowPositionals: true,
        options: { help: { type: 'boolean', short: 'h' } },
      });
    } catch (error) {
      return usageError(error instanceof Error ? error.message : String(error));
    }
  })();
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  if (positionals.length > 1) usageError(`one command at most, not ${positionals.join(' ')}`);
  const [command = 'up'] = positionals;
  if (!(COMMANDS as readonly string[]).includes(command)) usageError(`unknown command ${command}`);
  return command as Command;
}

const run: Record<Command, (orm: Orm) => Promise<string>> = {
  up: async (orm) => {
    const applied = await migrate(orm);
    const { granted, missing } = await grantServicePrivileges(
      orm.em.fork(),
      parseServiceRoles(config.DATABASE_SERVICE_ROLES),
    );
    return [
      applied.length ? `applied: ${applied.join(', ')}` : 'database is up to date',
      ...(granted.length > 0 ? [`privileges granted to ${granted.join(', ')}`] : []),
      ...(missing.length > 0 ? [`no role ${missing.join(', ')}: nothing granted to it`] : []),
    ].join('\n');
  },
  status: async (orm) => {
    const { executed, pending } = await migrationStatus(orm);
    return [
      ...executed.map((migration) => `applied  ${migration.name}  ${migration.executedAt.toISOString()}`),
      ...pending.map((name) => `pending  ${name}`),
      `${executed.length} applied, ${pending.length} pending`,
    ].join('\n');
  },
  pending: async (orm) => (await migrationStatus(orm)).pending.join('\n'),
  rollback: async (orm) => {
    const reverted = await rollBackLastMigration(orm);
    return reverted === undefined ? 'no migration to roll back' : `rolled back: ${reverted}`;
  },
};

const command = commandOf(process.argv.slice(2));
const config = loadConfig(
  Joi.object<DatabaseConnectionSettings & { DATABASE_SERVICE_ROLES: string }>({
    ...databaseConnectionSettings,
    DATABASE_SERVICE_ROLES: Joi.string()
      .allow('')
      .pattern(/^([a-z-]+=[A-Za-z0-9_]+)?(,[a-z-]+=[A-Za-z0-9_]+)*$/)
      .default('prequal-api=prequal_api,decision-service=decision_service')
      .description(
        "each service's database role, granted its privileges after the migrations (those that exist)",
      ),
  }),
);
const orm = await createOrm({ connection: pgConnection(config), poolSize: 1 });
try {
  const output = await run[command](orm);
  if (output !== '') process.stdout.write(`${output}\n`);
} catch (error) {
  process.stderr.write(
    `migrate ${command} failed: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exitCode = 1;
} finally {
  await orm.close();
}
