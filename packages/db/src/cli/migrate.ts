#!/usr/bin/env node
// `make db-migrate`: applies pending migrations to DATABASE_URL.
import { commonConfig, loadConfig } from '@prequal/service-kit';
import Joi from 'joi';
import { createOrm, migrate } from '../orm.ts';

const config = loadConfig(Joi.object<{ DATABASE_URL: string }>({ DATABASE_URL: commonConfig.DATABASE_URL }));
const orm = await createOrm({ databaseUrl: config.DATABASE_URL, poolSize: 1 });
try {
  const applied = await migrate(orm);
  process.stdout.write(applied.length ? `applied: ${applied.join(', ')}\n` : 'database is up to date\n');
} finally {
  await orm.close();
}
