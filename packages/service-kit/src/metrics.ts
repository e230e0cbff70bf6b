import { collectDefaultMetrics, Registry } from 'prom-client';

/** A Prometheus registry with the process's default metrics, labelled with the service name. */
export function createMetricsRegistry(service: string): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  // The event-loop delay sampled every 100 ms, not prom-client's 10 ms: a hundred wake-ups a second
  // were a visible share of an idle service's CPU (docs/decisions/0090-idle-timers.md).
  collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 100 });
  return registry;
}
