import Joi from 'joi';
import type { Settings, SettingsOf } from '@prequal/service-kit';

/** How a service reaches PostgreSQL. */
export const databaseSettings = {
  DATABASE_URL: Joi.string()
    .uri({ scheme: ['postgres', 'postgresql'] })
    .default('postgres://postgres@127.0.0.1:5432/prequal')
    .description('PostgreSQL connection URL'),
  DATABASE_POOL_SIZE: Joi.number()
    .integer()
    .min(1)
    .max(200)
    .default(10)
    .description('PostgreSQL connections per process'),
  RUN_MIGRATIONS: Joi.boolean().default(false).description('apply database migrations at start-up'),
} satisfies Settings;

export type DatabaseSettings = SettingsOf<typeof databaseSettings>;
