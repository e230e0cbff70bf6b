import Joi from 'joi';
import {
  commonConfig,
  loadConfig,
  outboxConfig,
  type CommonConfig,
  type OutboxConfig,
} from '@prequal/service-kit';

export interface PrequalApiConfig extends CommonConfig, OutboxConfig {
  PORT: number;
  HOST: string;
  BODY_LIMIT_BYTES: number;
  RELAY_ENABLED: boolean;
  PUBLIC_BASE_URL: string;
}

const schema = Joi.object<PrequalApiConfig>({
  ...commonConfig,
  ...outboxConfig,
  PORT: Joi.number().port().default(3000).description('HTTP port of the API'),
  HOST: Joi.string().default('0.0.0.0').description('interface the API listens on'),
  BODY_LIMIT_BYTES: Joi.number()
    .integer()
    .min(256)
    .max(1_048_576)
    .default(16_384)
    .description('largest accepted request body'),
  RELAY_ENABLED: Joi.boolean().default(true).description('publish the outbox from this instance'),
  PUBLIC_BASE_URL: Joi.string()
    .uri({ scheme: ['http', 'https'] })
    .default('http://localhost:3000')
    .description('base URL shown in the OpenAPI document'),
});

/** prequal-api's configuration, validated once at start-up. */
export function loadPrequalApiConfig(env: NodeJS.ProcessEnv = process.env): Readonly<PrequalApiConfig> {
  return loadConfig(schema, env);
}
