import {
  kafkaSettings,
  registryConnection,
  registrySettings,
  type KafkaSettings,
  type RegistryConnection,
  type RegistrySettings,
} from '@prequal/messaging';
import { defaultsOf } from '@prequal/service-kit';
import type { StackEndpoints } from './stack.ts';

/** The Kafka and registry settings of a service on this stack, as it would read them from its environment. */
export function stackSettings(
  endpoints: StackEndpoints,
  env: NodeJS.ProcessEnv = {},
): KafkaSettings & RegistrySettings {
  return defaultsOf<KafkaSettings & RegistrySettings>(
    { ...kafkaSettings, ...registrySettings },
    {
      KAFKA_BROKERS: endpoints.kafkaBrokers.join(','),
      SCHEMA_REGISTRY_URL: endpoints.schemaRegistryUrl,
      ...endpoints.clientEnv,
      ...env,
    },
  );
}

/** The stack's registry with the credentials and CA its clients use. */
export function stackRegistry(endpoints: StackEndpoints): RegistryConnection {
  return registryConnection(stackSettings(endpoints));
}
