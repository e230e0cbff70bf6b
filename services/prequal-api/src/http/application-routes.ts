import Router from '@koa/router';
import type { Context } from 'koa';
import type { EntityManager } from '@mikro-orm/postgresql';
import { applicationView, statusView } from '../applications/application-views.ts';
import { parseApplicationRequest } from '../applications/application-request.ts';
import { InvalidApplicationError, InvalidIdempotencyKeyError } from '../applications/errors.ts';
import { readApplication } from '../applications/read-application.ts';
import { submitApplication, type SubmitDeps } from '../applications/submit-application.ts';
import { jsonBody } from './json-body.ts';

export interface ApplicationRoutesDeps extends SubmitDeps {
  readonly bodyLimitBytes: number;
}

export const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;

function idempotencyKeyOf(ctx: Context): string | undefined {
  if (ctx.headers['idempotency-key'] === undefined) return undefined;
  const key = ctx.get('Idempotency-Key');
  if (!IDEMPOTENCY_KEY.test(key)) {
    throw new InvalidIdempotencyKeyError('Idempotency-Key must be 1 to 255 visible ASCII characters');
  }
  return key;
}

/** POST /applications, GET /applications/:id/status and GET /applications/:id. */
export function applicationRouter(deps: ApplicationRoutesDeps): Router {
  const router = new Router();
  const em = (): EntityManager => deps.em();
  router.post('/applications', jsonBody({ limitBytes: deps.bodyLimitBytes }), async (ctx) => {
    const idempotencyKey = idempotencyKeyOf(ctx);
    const parsed = parseApplicationRequest(ctx.request.body);
    if (!parsed.ok) throw new InvalidApplicationError(parsed.errors);
    const submitted = await submitApplication(deps, parsed.input, {
      correlationId: ctx.state.correlationId as string,
      idempotencyKey,
    });
    ctx.status = 202;
    ctx.set('Location', `/applications/${submitted.applicationId}`);
    if (submitted.replayed) ctx.set('Idempotent-Replayed', 'true');
    ctx.body = statusView({ id: submitted.applicationId, status: submitted.status });
  });

  router.get('/applications/:applicationId/status', async (ctx) => {
    ctx.body = statusView(await readApplication(em(), ctx.params.applicationId ?? ''));
  });

  router.get('/applications/:applicationId', async (ctx) => {
    ctx.body = applicationView(await readApplication(em(), ctx.params.applicationId ?? ''));
  });

  return router;
}
