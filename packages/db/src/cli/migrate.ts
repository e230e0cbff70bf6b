#!/usr/bin/env node
// `make db-migrate`: applies pending migrations to DATABASE_URL.
import Joi from 'joi';
import { loadConfig } from '@prequal/service-kit';
import { createOrm, migrate } from '../orm.ts';
import { databaseSettings, type DatabaseSettings } from '../settings.ts';

const config = loadConfig(
  Joi.object<Pick<DatabaseSettings, 'DATABASE_URL'>>({ DATABASE_URL: databaseSettings.DATABASE_URL }),
);
const orm = await createOrm({ databaseUrl: config.DATABASE_URL, poolSize: 1 });
try {
  const applied = await migrate(orm);
  process.stdout.write(applied.length ? `applied: ${applied.join(', ')}\n` : 'database is up to date\n');
} finally {
  await orm.close();
}
