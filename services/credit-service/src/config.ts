import Joi from 'joi';
import { loadConfig, workerConfig, type WorkerConfig } from '@prequal/service-kit';

export interface CreditServiceConfig extends WorkerConfig {
  PORT: number;
  CONSUMER_GROUP: string;
}

const schema = Joi.object<CreditServiceConfig>({
  ...workerConfig,
  PORT: Joi.number().port().default(3001).description('port of /health, /ready and /metrics'),
  CONSUMER_GROUP: Joi.string().default('credit-service').description('Kafka consumer group of the instances'),
});

/** credit-service's configuration, validated once at start-up. */
export function loadCreditServiceConfig(env: NodeJS.ProcessEnv = process.env): Readonly<CreditServiceConfig> {
  return loadConfig(schema, env);
}
