import type { EntityManager } from '@mikro-orm/postgresql';
import type { Registry } from 'prom-client';
import type { TopicName } from '@prequal/events';
import type { Logger } from '@prequal/service-kit';
import { readOutboxBacklog } from './outbox.ts';
import { createOutboxMetrics } from './outbox-metrics.ts';
import { OutboxRelay } from './outbox-relay.ts';
import type { EventPublisher } from './producer.ts';
import type { EventSerde } from './serde.ts';

export interface OutboxRelaySettings {
  readonly em: () => EntityManager;
  /** The topics the service writes to the outbox (its relay publishes only those). */
  readonly topics: readonly TopicName[];
  readonly batchSize: number;
  readonly pollIntervalMs: number;
  readonly wakeDelayMs?: number;
}

/** An outbox relay with its metrics registered, for a service that writes events to the outbox. */
export function createOutboxRelay(
  { em, topics, batchSize, pollIntervalMs, wakeDelayMs }: OutboxRelaySettings,
  deps: { logger: Logger; metrics: Registry; serde: EventSerde; publisher: EventPublisher },
): OutboxRelay {
  return new OutboxRelay({
    em,
    topics,
    publisher: deps.publisher,
    serde: deps.serde,
    logger: deps.logger.child({ component: 'outbox-relay' }),
    metrics: createOutboxMetrics(deps.metrics, () => readOutboxBacklog(em(), topics)),
    batchSize,
    pollIntervalMs,
    ...(wakeDelayMs === undefined ? {} : { wakeDelayMs }),
  });
}
