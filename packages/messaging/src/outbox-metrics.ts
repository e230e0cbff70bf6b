import { Counter, Gauge, type Registry } from 'prom-client';

export interface OutboxMetrics {
  readonly published: Counter<'topic'>;
  readonly failures: Counter<'reason'>;
}

/**
 * Relay metrics. Backlog and the age of the oldest unpublished row are read from the table when
 * Prometheus scrapes, so they are right whichever instance's relay does the publishing.
 */
export function createOutboxMetrics(
  registry: Registry,
  readBacklog: () => Promise<{ count: number; oldestAgeSeconds: number }>,
): OutboxMetrics {
  let last = { count: 0, oldestAgeSeconds: 0 };
  let pending: Promise<void> | undefined;
  const refresh = (): Promise<void> => {
    pending ??= readBacklog()
      .then((value) => {
        last = value;
      })
      .catch(() => undefined)
      .finally(() => {
        pending = undefined;
      });
    return pending;
  };
  new Gauge({
    name: 'outbox_backlog',
    help: 'Outbox rows not yet published to Kafka',
    registers: [registry],
    async collect() {
      await refresh();
      this.set(last.count);
    },
  });
  new Gauge({
    name: 'outbox_oldest_unpublished_age_seconds',
    help: 'Age of the oldest outbox row not yet published (0 when none)',
    registers: [registry],
    async collect() {
      await refresh();
      this.set(last.oldestAgeSeconds);
    },
  });
  return {
    published: new Counter({
      name: 'outbox_published_total',
      help: 'Outbox rows published to Kafka',
      labelNames: ['topic'],
      registers: [registry],
    }),
    failures: new Counter({
      name: 'outbox_publish_failures_total',
      help: 'Relay rounds that could not publish, by reason',
      labelNames: ['reason'],
      registers: [registry],
    }),
  };
}
