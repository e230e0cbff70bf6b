import Joi from 'joi';
import {
  loadConfig,
  outboxConfig,
  workerConfig,
  type OutboxConfig,
  type WorkerConfig,
} from '@prequal/service-kit';

export interface DecisionServiceConfig extends WorkerConfig, OutboxConfig {
  PORT: number;
  CONSUMER_GROUP: string;
}

const schema = Joi.object<DecisionServiceConfig>({
  ...workerConfig,
  ...outboxConfig,
  PORT: Joi.number().port().default(3002).description('port of /health, /ready and /metrics'),
  CONSUMER_GROUP: Joi.string()
    .default('decision-service')
    .description('Kafka consumer group of the instances'),
});

/** decision-service's configuration, validated once at start-up. */
export function loadDecisionServiceConfig(
  env: NodeJS.ProcessEnv = process.env,
): Readonly<DecisionServiceConfig> {
  return loadConfig(schema, env);
}
