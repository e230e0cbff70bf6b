import Joi from 'joi';

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/**
 * Validates the environment against a joi schema of variables, once, at start-up. Unknown
 * variables are ignored; every problem is reported at once, naming the variable and what it is for.
 */
export function loadConfig<T extends object>(
  schema: Joi.ObjectSchema<T>,
  env: NodeJS.ProcessEnv = process.env,
): Readonly<T> {
  const result = schema.validate(env, {
    allowUnknown: true,
    stripUnknown: true,
    abortEarly: false,
    convert: true,
  });
  const { error } = result;
  if (error) {
    const described = schema.describe().keys as
      Record<string, { flags?: { description?: string } }> | undefined;
    const problems = error.details.map((detail) => {
      const variable = String(detail.path[0]);
      const description = described?.[variable]?.flags?.description;
      return `  ${variable}: ${detail.message.replace(/^"[^"]+" /, '')}${description ? ` (${description})` : ''}`;
    });
    throw new ConfigError(`invalid configuration:\n${problems.join('\n')}`);
  }
  return Object.freeze(result.value);
}

/** Variables every service reads, with defaults that work with `make stack-up`. */
export const commonConfig = {
  LOG_LEVEL: Joi.string()
    .valid('trace', 'debug', 'info', 'warn', 'error', 'fatal')
    .default('info')
    .description('bunyan log level'),
  KAFKA_BROKERS: Joi.string()
    .pattern(/^[^,\s]+(,[^,\s]+)*$/)
    .default('127.0.0.1:9092')
    .description('comma-separated Kafka bootstrap servers'),
  SCHEMA_REGISTRY_URL: Joi.string()
    .uri({ scheme: ['http', 'https'] })
    .default('http://127.0.0.1:8081/apis/ccompat/v7')
    .description('base URL of the Confluent-API schema registry'),
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
  TOPIC_PREFIX: Joi.string()
    .allow('')
    .pattern(/^[A-Za-z0-9._-]*$/)
    .default('')
    .description('prefix of every topic name (empty in production; tests use their own)'),
  SHUTDOWN_TIMEOUT_MS: Joi.number()
    .integer()
    .min(1000)
    .default(25_000)
    .description('longest a graceful shutdown may take before the process exits anyway'),
};

export interface CommonConfig {
  LOG_LEVEL: 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal';
  KAFKA_BROKERS: string;
  SCHEMA_REGISTRY_URL: string;
  DATABASE_URL: string;
  DATABASE_POOL_SIZE: number;
  SHUTDOWN_TIMEOUT_MS: number;
  TOPIC_PREFIX: string;
}

/** Kafka brokers as a list. */
export function brokerList(config: Pick<CommonConfig, 'KAFKA_BROKERS'>): string[] {
  return config.KAFKA_BROKERS.split(',');
}
