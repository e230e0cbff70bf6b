import Router from '@koa/router';
import type { Registry } from 'prom-client';

/** What /ready answers: ready or not, why, and each dependency's check. */
export interface ReadinessAnswer {
  readonly ready: boolean;
  readonly status: string;
  readonly checks: Record<string, { readonly ok: boolean; readonly error?: string }>;
}

export interface OpsOptions {
  readonly metrics: Registry;
  readonly readiness: () => Promise<ReadinessAnswer>;
}

/** `/health` (liveness), `/ready` (dependencies usable) and `/metrics` (Prometheus). */
export function opsRouter({ metrics, readiness }: OpsOptions): Router {
  const router = new Router();
  router.get('/health', (ctx) => {
    ctx.body = { status: 'ok' };
  });
  router.get('/ready', async (ctx) => {
    const { ready, status, checks } = await readiness();
    ctx.status = ready ? 200 : 503;
    ctx.body = { status, checks };
  });
  router.get('/metrics', async (ctx) => {
    ctx.type = metrics.contentType;
    ctx.body = await metrics.metrics();
  });
  return router;
}
