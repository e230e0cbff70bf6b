import type { Admin } from 'kafkajs';
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import { withTimeout } from '@prequal/service-kit';

export interface ConsumerMetrics {
  readonly processed: Counter<'topic' | 'outcome'>;
  readonly duration: Histogram<'topic'>;
  readonly retries: Counter<'topic' | 'kind'>;
  readonly deadLettered: Counter<'topic' | 'error_class'>;
}

/** The consumer runtime's metrics, registered once per process. */
export function createConsumerMetrics(registry: Registry): ConsumerMetrics {
  return {
    processed: new Counter({
      name: 'events_processed_total',
      help: 'Events handled, by outcome (success, dead_lettered)',
      labelNames: ['topic', 'outcome'],
      registers: [registry],
    }),
    duration: new Histogram({
      name: 'event_processing_duration_seconds',
      help: 'Time from taking an event (with the batch it came in) to its durable effect, retries included',
      labelNames: ['topic'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    retries: new Counter({
      name: 'event_retries_total',
      help: 'Attempts repeated after a failure, by kind (retriable, unavailable)',
      labelNames: ['topic', 'kind'],
      registers: [registry],
    }),
    deadLettered: new Counter({
      name: 'events_dead_lettered_total',
      help: 'Messages sent to the dead-letter topic, by error class',
      labelNames: ['topic', 'error_class'],
      registers: [registry],
    }),
  };
}

/** Longest a scrape waits for the broker's offsets; then the last values stand (a down broker must not time out the scrape). */
const LAG_READ_TIMEOUT_MS = 2_000;

/**
 * `kafka_consumer_lag{topic, partition}`: the group's committed offset behind the partition's end,
 * read from the broker when Prometheus scrapes, so it grows while a consumer is stuck.
 */
export function registerLagGauge(
  registry: Registry,
  admin: () => Promise<Admin>,
  groupId: string,
  topic: string,
): void {
  new Gauge({
    name: 'kafka_consumer_lag',
    help: "Messages between the group's committed offset and the end of each partition",
    labelNames: ['topic', 'partition'],
    registers: [registry],
    async collect() {
      try {
        const [ends, committed] = await withTimeout(
          (async () => {
            const client = await admin();
            return Promise.all([
              client.fetchTopicOffsets(topic),
              client.fetchOffsets({ groupId, topics: [topic] }),
            ]);
          })(),
          LAG_READ_TIMEOUT_MS,
        );
        const done = new Map(
          (committed[0]?.partitions ?? []).map(({ partition, offset }) => [partition, BigInt(offset)]),
        );
        for (const { partition, high, low } of ends) {
          const from = done.get(partition) ?? -1n;
          const position = from < 0n ? BigInt(low) : from;
          this.set({ topic, partition: String(partition) }, Number(BigInt(high) - position));
        }
      } catch {
        // The broker did not answer: keep the last values; /ready reports the broker down.
      }
    },
  });
}
