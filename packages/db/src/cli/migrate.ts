#!/usr/bin/env node
// `make db-migrate`, `make db-status`, `make db-pending`, `make db-rollback`: the schema's
// migrations on DATABASE_URL, through MikroORM's migrator (its own record, mikro_orm_migrations).
import { parseArgs } from 'node:util';
import Joi from 'joi';
import { loadConfig } from '@prequal/service-kit';
import { createOrm, migrate, migrationStatus, rollBackLastMigration, type Orm } from '../orm.ts';
import { databaseSettings, type DatabaseSettings } from '../settings.ts';

const USAGE = `usage: migrate [command]

commands:
  up        apply every pending migration (the default)
  status    every migration: applied (and when) or pending
  pending   the pending migrations only, one a line (nothing when the schema is up to date)
  rollback  revert the last applied migration (its down); run up to apply it again

exit codes: 0 done, 1 failed (the message says why), 2 usage error
reads DATABASE_URL`;

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
    return applied.length ? `applied: ${applied.join(', ')}` : 'database is up to date';
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
  Joi.object<Pick<DatabaseSettings, 'DATABASE_URL'>>({ DATABASE_URL: databaseSettings.DATABASE_URL }),
);
const orm = await createOrm({ databaseUrl: config.DATABASE_URL, poolSize: 1 });
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
