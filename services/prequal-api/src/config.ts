import Joi from 'joi';
import { databaseSettings, type DatabaseSettings } from '@prequal/db';
import {
  kafkaSettings,
  outboxSettings,
  registrySettings,
  type KafkaSettings,
  type OutboxSettings,
  type RegistrySettings,
} from '@prequal/messaging';
import { ConfigError, loadConfig, serviceSettings, type ServiceSettings } from '@prequal/service-kit';
import {
  blindIndexSettings,
  keyringSettings,
  type BlindIndexSettings,
  type KeyringSettings,
} from '@prequal/pii';
import { authSettings, checkAccessTokenSettings, type AuthSettings } from './auth/settings.ts';

/** The API's own variables (its public port; its ops port is OPS_PORT). */
export interface HttpApiSettings {
  PORT: number;
  BODY_LIMIT_BYTES: number;
  PUBLIC_BASE_URL: string;
  PII_RETENTION_DAYS: number;
}

export type PrequalApiConfig = ServiceSettings &
  HttpApiSettings &
  AuthSettings &
  KeyringSettings &
  BlindIndexSettings &
  KafkaSettings &
  RegistrySettings &
  DatabaseSettings &
  OutboxSettings;

/** Every variable the service reads (documented in .env.example and the README). */
export const settingsSchema = Joi.object<PrequalApiConfig>({
  ...serviceSettings(3003),
  ...kafkaSettings,
  ...registrySettings,
  ...databaseSettings,
  ...outboxSettings,
  ...authSettings,
  ...keyringSettings,
  ...blindIndexSettings,
  PII_RETENTION_DAYS: Joi.number()
    .integer()
    .min(1)
    .max(3650)
    .default(30)
    .description(
      "days after its decision that an application's PAN and name are erased (the decision stays)",
    ),
  PORT: Joi.number().port().default(3000).description('HTTP port of the API'),
  BODY_LIMIT_BYTES: Joi.number()
    .integer()
    .min(256)
    .max(1_048_576)
    .default(16_384)
    .description('largest accepted request body'),
  PUBLIC_BASE_URL: Joi.string()
    .uri({ scheme: ['http', 'https'] })
    .default('http://localhost:3000')
    .description('base URL shown in the OpenAPI document'),
});

/** prequal-api's configuration, validated once at start-up. */
export function loadPrequalApiConfig(env: NodeJS.ProcessEnv = process.env): Readonly<PrequalApiConfig> {
  const config = loadConfig(settingsSchema, env);
  const problem = checkAccessTokenSettings(config);
  if (problem) throw new ConfigError(`invalid configuration:\n  ${problem}`);
  return config;
}
