import Joi from 'joi';
import { databaseSettings, type DatabaseSettings } from '@prequal/db';
import {
  consumerSettings,
  kafkaSettings,
  outboxSettings,
  registrySettings,
  type ConsumerSettings,
  type KafkaSettings,
  type OutboxSettings,
  type RegistrySettings,
} from '@prequal/messaging';
import { loadConfig, serviceSettings, type ServiceSettings } from '@prequal/service-kit';

export type DecisionServiceConfig = ServiceSettings &
  KafkaSettings &
  RegistrySettings &
  DatabaseSettings &
  OutboxSettings &
  ConsumerSettings;

/** Every variable the service reads (documented in .env.example and the README). */
export const settingsSchema = Joi.object<DecisionServiceConfig>({
  ...serviceSettings(3002),
  ...kafkaSettings,
  ...registrySettings,
  ...databaseSettings,
  ...outboxSettings,
  ...consumerSettings('decision-service'),
});

/** decision-service's configuration, validated once at start-up. */
export function loadDecisionServiceConfig(
  env: NodeJS.ProcessEnv = process.env,
): Readonly<DecisionServiceConfig> {
  return loadConfig(settingsSchema, env);
}
