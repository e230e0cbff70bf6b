import Router from '@koa/router';
import type { Registry } from 'prom-client';
import { sharedReadiness, type ReadinessCheck } from './readiness.ts';

export interface OpsOptions {
  readonly metrics: Registry;
  readonly readiness: Record<string, ReadinessCheck>;
  /** While shutting down the service reports not ready, so load balancers stop sending work. */
  readonly isShuttingDown?: () => boolean;
}

/** `/health` (liveness), `/ready` (dependencies usable) and `/metrics` (Prometheus). */
export function opsRouter({ metrics, readiness, isShuttingDown = () => false }: OpsOptions): Router {
  const router = new Router();
  const checkReadiness = sharedReadiness(readiness);
  router.get('/health', (ctx) => {
    ctx.body = { status: 'ok' };
  });
  router.get('/ready', async (ctx) => {
    const report = await checkReadiness();
    const ready = report.ready && !isShuttingDown();
    ctx.status = ready ? 200 : 503;
    ctx.body = {
      status: ready ? 'ready' : isShuttingDown() ? 'shutting down' : 'not ready',
      checks: report.checks,
    };
  });
  router.get('/metrics', async (ctx) => {
    ctx.type = metrics.contentType;
    ctx.body = await metrics.metrics();
  });
  return router;
}
