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

/** A group of variables that one part of a service reads: joi keys, each with its default. */
export type Settings = Readonly<Record<string, Joi.AnySchema>>;

/** The values a group of settings validates to: its type, written once, by its joi keys. */
export type SettingsOf<S extends Settings> = {
  -readonly [K in keyof S]: S[K] extends Joi.AnySchema<infer T> ? T : never;
};

/** The values of a group of settings with nothing set: its defaults (for tests and tools). */
export function defaultsOf<T extends object>(settings: Settings, env: NodeJS.ProcessEnv = {}): Readonly<T> {
  return loadConfig(Joi.object<T>(settings), env);
}

const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal'] as const;

/** What every service reads: logging, shutdown, where it listens; `opsPort` is its default ops port. */
export function serviceSettings(opsPort: number) {
  return {
    LOG_LEVEL: Joi.string<(typeof LOG_LEVELS)[number]>()
      .valid(...LOG_LEVELS)
      .default('info')
      .description('bunyan log level'),
    SHUTDOWN_TIMEOUT_MS: Joi.number()
      .integer()
      .min(1000)
      .default(25_000)
      .description('longest a graceful shutdown may take before the process exits anyway'),
    HOST: Joi.string()
      .default('127.0.0.1')
      .description('interface the service listens on (its API and its ops port); 0.0.0.0 in containers'),
    OPS_PORT: Joi.number()
      .port()
      .default(opsPort)
      .description('port of /health, /ready and /metrics (0: any free port)'),
  } satisfies Settings;
}

export type ServiceSettings = SettingsOf<ReturnType<typeof serviceSettings>>;
