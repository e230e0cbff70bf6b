import type { TopicName } from '@prequal/events';
import type { Part } from '@prequal/service-kit';
import { ConsumerRuntime } from './consumer.ts';
import { createConsumerMetrics, registerLagGauge } from './consumer-metrics.ts';
import type { Messaging } from './messaging.ts';
import { compose, type Middleware } from './pipeline/delivery.ts';
import { logOutcomes, refuseInvalidContent } from './pipeline/middlewares.ts';
import type { Pipeline } from './pipeline/pipelines.ts';
import type { ConsumerSettings, KafkaSettings } from './settings.ts';
import { isAuthorizationFailure } from './kafka-access.ts';
import { ensureEventTopics } from './topics-admin.ts';

/**
 * A worker's consumer of `topic`: the topics are created if missing and the producer connected
 * (a wrong broker address or password fails the start), then every batch goes through the same
 * middlewares (log each outcome, refuse events that break the domain's rules) and then the
 * worker's pipeline. Stopped first: it finishes the batch in hand, commits and leaves the group.
 */
export function consumerPart<T extends TopicName>(
  settings: ConsumerSettings & Pick<KafkaSettings, 'TOPIC_PARTITIONS' | 'PII_TOPIC_RETENTION_HOURS'>,
  {
    messaging,
    topic,
    pipeline,
    measure = [],
  }: {
    messaging: Messaging;
    topic: T;
    pipeline: Pipeline<T>;
    /** The service's own metrics of applied batches, observed after they committed. */
    measure?: readonly Middleware<T>[];
  },
): Part<ConsumerRuntime<T>> {
  return {
    name: 'consumer',
    start: async ({ logger, metrics }) => {
      const { kafka, consumerKafka, serde, topics, publisher, producer } = messaging;
      // The topics this service reads and writes (and their .DLT): the ones its ACLs let it see.
      const own = [topic, ...messaging.writes];
      await ensureEventTopics(
        kafka,
        topics,
        settings.TOPIC_PARTITIONS,
        settings.PII_TOPIC_RETENTION_HOURS,
        own,
      ).catch((error: unknown) => {
        // A principal with only its own ACLs (a secured cluster) may not create topics: an
        // admin made them (make topics-create, the init job); a missing one fails the subscribe.
        if (!isAuthorizationFailure(error)) throw error;
        logger.info('may not create topics here: they are expected to exist');
      });
      await producer.connect();
      const runtime = new ConsumerRuntime({
        kafka: consumerKafka,
        serde,
        topics,
        topic,
        groupId: settings.CONSUMER_GROUP,
        apply: compose(topic, [
          logOutcomes(),
          ...measure,
          refuseInvalidContent(),
          ...pipeline({ consumerGroup: settings.CONSUMER_GROUP, publisher, cipher: serde.cipher }),
        ]),
        deadLetterProducer: producer,
        logger,
        metrics: createConsumerMetrics(metrics),
        maxAttempts: settings.MAX_ATTEMPTS,
        backoff: { initialDelayMs: settings.RETRY_INITIAL_MS, maxDelayMs: settings.RETRY_MAX_MS },
        partitionsConsumedConcurrently: settings.PARTITIONS_CONSUMED_CONCURRENTLY,
      });
      registerLagGauge(metrics, () => messaging.admin(), settings.CONSUMER_GROUP, topics[topic]);
      await runtime.start();
      return runtime;
    },
    stop: (runtime) => runtime.stop(),
    // Not ready until it has joined its group, nor after kafkajs crashed it, until it joined again.
    readiness: (runtime) => ({ consumer: () => runtime.membership() }),
  };
}
