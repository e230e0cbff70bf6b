import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

export interface ConsumerMetrics {
  readonly processed: Counter<'topic' | 'outcome'>;
  readonly duration: Histogram<'topic'>;
  readonly retries: Counter<'topic' | 'kind'>;
  readonly deadLettered: Counter<'topic' | 'error_class'>;
  readonly lag: Gauge<'topic' | 'partition'>;
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
      help: 'Time from taking an event to its durable effect, retries included',
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
    lag: new Gauge({
      name: 'kafka_consumer_lag',
      help: 'Messages behind the partition high watermark when the last batch was fetched',
      labelNames: ['topic', 'partition'],
      registers: [registry],
    }),
  };
}
