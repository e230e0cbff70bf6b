import Koa from 'koa';
import type { Registry } from 'prom-client';
import type { Logger } from '@prequal/service-kit';
import { applicationRouter, type ApplicationRoutesDeps } from './http/application-routes.ts';
import { docsRouter } from './http/docs.ts';
import { openApiDocument } from './http/openapi.ts';
import { problemMiddleware } from './http/problem.ts';
import { refusePersonalDataInIds, requestContext } from './http/request-context.ts';
import { requestMetrics } from './http/request-metrics.ts';
import { securityHeaders } from './http/security-headers.ts';

export interface AppDeps extends ApplicationRoutesDeps {
  readonly logger: Logger;
  readonly metrics: Registry;
  readonly publicBaseUrl: string;
  /** Behind a reverse proxy: trust its X-Forwarded-* headers (never when clients reach us directly). */
  readonly trustProxy: boolean;
}

/** The public Koa app: request context, metrics, security headers, problem responses, the API and its docs. */
export function createApp(deps: AppDeps): Koa {
  const app = new Koa();
  app.proxy = deps.trustProxy;
  app.silent = true;
  const routers = [
    applicationRouter(deps),
    docsRouter(
      openApiDocument({ serverUrl: deps.publicBaseUrl, bodyLimitBytes: deps.bodyLimitBytes }),
      deps.publicBaseUrl,
    ),
  ];
  app.use(requestContext(deps.logger));
  app.use(requestMetrics(deps.metrics));
  app.use(securityHeaders());
  app.use(problemMiddleware);
  app.use(refusePersonalDataInIds);
  for (const router of routers) app.use(router.routes()).use(router.allowedMethods());
  return app;
}
