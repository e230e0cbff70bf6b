import Koa from 'koa';
import type { ServiceSettings } from './config.ts';
import { listen, type RunningServer } from './http-server.ts';
import { opsRouter } from './ops-routes.ts';
import type { Part } from './service-host.ts';
import type { ServiceHost } from './service-host.ts';

/**
 * /health, /ready and /metrics on the service's ops port. Started first and stopped last, so that
 * probes get an answer during start-up and during the drain (`starting`, `shutting down`).
 */
export function opsServerPart(
  host: ServiceHost,
  { HOST, OPS_PORT }: Pick<ServiceSettings, 'HOST' | 'OPS_PORT'>,
): Part<RunningServer> {
  return {
    name: 'ops server',
    start: () => {
      const app = new Koa();
      app.silent = true;
      const router = opsRouter({ metrics: host.metrics, readiness: () => host.readiness() });
      app.use(router.routes()).use(router.allowedMethods());
      return listen(app, OPS_PORT, HOST);
    },
    stop: (server) => server.close(),
  };
}

/** A Koa app served on `port`, draining in-flight requests when stopped. */
export function httpServerPart(app: Koa, port: number, host: string): Part<RunningServer> {
  return {
    name: 'http server (finish in-flight requests)',
    start: () => listen(app, port, host),
    stop: (server) => server.close(),
  };
}
