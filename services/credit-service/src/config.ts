import Joi from 'joi';
import {
  consumerSettings,
  kafkaSettings,
  registrySettings,
  type ConsumerSettings,
  type KafkaSettings,
  type RegistrySettings,
} from '@prequal/messaging';
import { keyringSettings, type KeyringSettings } from '@prequal/pii';
import { loadConfig, serviceSettings, type ServiceSettings } from '@prequal/service-kit';

export type CreditServiceConfig = ServiceSettings &
  KafkaSettings &
  RegistrySettings &
  ConsumerSettings &
  KeyringSettings;

/** Every variable the service reads (documented in .env.example and the README). */
export const settingsSchema = Joi.object<CreditServiceConfig>({
  ...serviceSettings(3001),
  ...kafkaSettings,
  ...registrySettings,
  ...consumerSettings('credit-service'),
  ...keyringSettings,
});

/** credit-service's configuration, validated once at start-up. */
export function loadCreditServiceConfig(env: NodeJS.ProcessEnv = process.env): Readonly<CreditServiceConfig> {
  return loadConfig(settingsSchema, env);
}
