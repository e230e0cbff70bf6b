#!/usr/bin/env node
// `make db-migrate`: applies pending migrations to DATABASE_URL, then grants each service's role
// (DATABASE_SERVICE_ROLES, those that exist) exactly its privileges.
import Joi from 'joi';
import { loadConfig } from '@prequal/service-kit';
import { pgConnection } from '../connection.ts';
import { createOrm, migrate } from '../orm.ts';
import { grantServicePrivileges, parseServiceRoles } from '../privileges.ts';
import { databaseConnectionSettings, type DatabaseConnectionSettings } from '../settings.ts';

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
  const applied = await migrate(orm);
  process.stdout.write(applied.length ? `applied: ${applied.join(', ')}\n` : 'database is up to date\n');
  const { granted, missing } = await grantServicePrivileges(
    orm.em.fork(),
    parseServiceRoles(config.DATABASE_SERVICE_ROLES),
  );
  if (granted.length > 0) process.stdout.write(`privileges granted to ${granted.join(', ')}\n`);
  if (missing.length > 0) process.stdout.write(`no role ${missing.join(', ')}: nothing granted to it\n`);
} finally {
  await orm.close();
}
