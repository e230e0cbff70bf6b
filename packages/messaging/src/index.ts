export { createRegistry, EventSerde } from './serde.ts';
export { registerEventSchemas, type RegisteredSubject } from './schema-registration.ts';
export { topicNamesWithPrefix, type TopicNames } from './topic-names.ts';
export { createKafka, type KafkaOptions } from './kafka.ts';
export { EVENT_HEADERS, DEAD_LETTER_HEADERS, headerValue } from './headers.ts';
export { ensureTopics, ensureEventTopics, type TopicSpec } from './topics-admin.ts';
export { createIdempotentProducer, EventPublisher, type OutgoingEvent } from './producer.ts';
export {
  ConsumerRuntime,
  type ConsumerRuntimeOptions,
  type EventHandler,
  type HandlerContext,
  type IncomingEvent,
} from './consumer.ts';
export { createConsumerMetrics, type ConsumerMetrics } from './consumer-metrics.ts';
export { deadLetterMessage, type DeadLetterOrigin } from './dead-letter.ts';
export { classifyFailure, backoffDelayMs, type FailureKind, type BackoffOptions } from './failure.ts';
export { enqueueEvent, readOutboxBacklog, outboxValues, OUTBOX_COLUMNS } from './outbox.ts';
export { OutboxRelay, type OutboxRelayOptions } from './outbox-relay.ts';
export { createOutboxMetrics, type OutboxMetrics } from './outbox-metrics.ts';
export { eventToJson, eventFromJson } from './json-codec.ts';
export * from './errors.ts';
export { registryReachable } from './serde.ts';
export {
  startWorker,
  type WorkerHostConfig,
  type WorkerHostOptions,
  type WorkerDeps,
  type RunningWorker,
} from './worker-host.ts';
export type { OutboxRelaySettings } from './outbox-relay-factory.ts';
export { describeDeadLetter, readDeadLetters, replayMessage, type DeadLetter } from './dead-letters.ts';
export { createMessaging, type Messaging, type MessagingConfig } from './messaging-setup.ts';
export { recordProcessedEvents, pruneProcessedEvents } from './processed-events.ts';
export { pruneOutbox, createRetentionJob, RetentionJob } from './retention.ts';
