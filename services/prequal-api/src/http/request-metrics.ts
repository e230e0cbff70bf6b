import type { Context, Next } from 'koa';
import { Histogram, type Registry } from 'prom-client';

/** Request duration by method, route template and status, for Prometheus. */
export function requestMetrics(registry: Registry) {
  const duration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request duration by method, route and status',
    labelNames: ['method', 'route', 'status'],
    // 0.2: the latency SLO's threshold (observability/prometheus/rules/slo-post-applications.yml).
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.2, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  return async (ctx: Context, next: Next): Promise<void> => {
    const stop = duration.startTimer();
    try {
      await next();
    } finally {
      const route = (ctx as Context & { _matchedRoute?: string })._matchedRoute ?? 'unmatched';
      stop({ method: ctx.method, route, status: String(ctx.status) });
    }
  };
}
