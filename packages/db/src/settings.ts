import Joi from 'joi';
import type { Settings, SettingsOf } from '@prequal/service-kit';

/** How a service or tool reaches PostgreSQL. */
export const databaseConnectionSettings = {
  DATABASE_URL: Joi.string()
    .uri({ scheme: ['postgres', 'postgresql'] })
    .default('postgres://postgres@127.0.0.1:5432/prequal')
    .description(
      'PostgreSQL connection URL; TLS with ?sslmode=require|verify-ca|verify-full (verify-full for a server across a network)',
    ),
  DATABASE_PASSWORD_FILE: Joi.string()
    .allow('')
    .default('')
    .description("a file holding the database password (replaces the URL's)"),
  DATABASE_SSL_CA_FILE: Joi.string()
    .allow('')
    .default('')
    .description("PEM file of the CA that signed the server's certificate (default: the system's CAs)"),
} satisfies Settings;

/** How a service reaches PostgreSQL: the connection, its pool, and whether it migrates. */
export const databaseSettings = {
  ...databaseConnectionSettings,
  DATABASE_POOL_SIZE: Joi.number()
    .integer()
    .min(1)
    .max(200)
    .default(10)
    .description('PostgreSQL connections per process'),
  RUN_MIGRATIONS: Joi.boolean().default(false).description('apply database migrations at start-up'),
} satisfies Settings;

export type DatabaseSettings = SettingsOf<typeof databaseSettings>;
export type DatabaseConnectionSettings = SettingsOf<typeof databaseConnectionSettings>;
