export { createRegistry, EventSerde } from './serde.ts';
export {
  registryConnection,
  registryReachable,
  registryCall,
  plainRegistry,
  type RegistryConnection,
} from './registry-connection.ts';
export { registerEventSchemas, type RegisteredSubject } from './schema-registration.ts';
export { topicNamesWithPrefix, type TopicNames } from './topic-names.ts';
export { createKafka, type KafkaConnectionSettings } from './kafka.ts';
export {
  KafkaAuthenticationError,
  isAuthenticationFailure,
  isAuthorizationFailure,
  verifyKafkaCredentials,
} from './kafka-access.ts';
export {
  SERVICE_TOPICS,
  SERVICE_NAMES,
  serviceAcls,
  applyAcls,
  removeAcls,
  describeAcl,
  defaultServiceAccess,
  type ServiceName,
  type ServiceAccess,
} from './kafka-acls.ts';
export { kafkaSecurity, describeKafkaSecurity, type KafkaSecuritySettings } from './kafka-security.ts';
export {
  kafkaSettings,
  registrySettings,
  outboxSettings,
  consumerSettings,
  type KafkaSettings,
  type RegistrySettings,
  type OutboxSettings,
  type ConsumerSettings,
} from './settings.ts';
export { EVENT_HEADERS, DEAD_LETTER_HEADERS, headerValue } from './headers.ts';
export {
  ensureTopics,
  ensureEventTopics,
  eventTopicSpecs,
  applyTopicConfigs,
  type TopicSpec,
} from './topics-admin.ts';
export { createIdempotentProducer, EventPublisher } from './producer.ts';
export { outgoingEvent, type OutgoingEvent } from './outgoing.ts';
export { ConsumerRuntime, type ConsumerRuntimeOptions } from './consumer.ts';
export { consumerPart } from './consumer-part.ts';
export type { IncomingEvent, Delivery, Middleware, ApplyEvents } from './pipeline/delivery.ts';
export { compose } from './pipeline/delivery.ts';
export { storeWithOutbox, publishDirectly, type Pipeline } from './pipeline/pipelines.ts';
export { createConsumerMetrics, type ConsumerMetrics } from './consumer-metrics.ts';
export { deadLetterMessage, type DeadLetterOrigin } from './dead-letter.ts';
export { backoffDelayMs, type BackoffOptions } from './backoff.ts';
export { outboxRowOf, enqueueEvents } from './outbox.ts';
export { OutboxRelay, type OutboxRelayOptions } from './outbox-relay.ts';
export { OutboxListener, type OutboxListenerOptions } from './outbox-listener.ts';
export { outboxRelayPart } from './outbox-relay-part.ts';
export { createOutboxMetrics, type OutboxMetrics } from './outbox-metrics.ts';
export { eventToJson, eventFromJson } from './json-codec.ts';
export * from './errors.ts';
export {
  describeDeadLetter,
  printable,
  readDeadLetters,
  replayMessage,
  replayTargetOf,
  type DeadLetter,
} from './dead-letters.ts';
export { createMessaging, messagingPart, type Messaging, type MessagingSettings } from './messaging.ts';
export { retentionPart, RetentionJob, type RetentionTask } from './retention.ts';
