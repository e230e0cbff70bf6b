import Router from '@koa/router';
import type { Context } from 'koa';
import { applicationView, statusView } from '../applications/application-views.ts';
import { parseApplicationRequest } from '../applications/application-request.ts';
import { InvalidApplicationError, InvalidIdempotencyKeyError } from '../applications/errors.ts';
import { readApplication } from '../applications/read-application.ts';
import { eraseApplication } from '../applications/erase-application.ts';
import { submitApplication, type SubmitDeps } from '../applications/submit-application.ts';
import { openApplicantName } from '@prequal/pii';
import type { Authenticator } from '../auth/authenticator.ts';
import { SCOPES } from '../auth/client.ts';
import { authenticate, clientOf, requireScope } from './authentication.ts';
import { jsonBody } from './json-body.ts';
import { rateLimit, type RateLimitSettings } from './rate-limit.ts';

export interface ApplicationRoutesDeps extends SubmitDeps {
  readonly bodyLimitBytes: number;
  readonly authenticator: Authenticator;
  readonly rateLimit: RateLimitSettings;
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

/**
 * POST /applications, GET /applications/:id/status, GET /applications/:id and DELETE
 * /applications/:id (erases its personal data), for authenticated
 * clients only (credentials checked before a body is read), each client limited to its own
 * applications and its own request rate.
 */
export function applicationRouter(deps: ApplicationRoutesDeps): Router {
  const router = new Router();
  // Router middleware runs only for a request that matched one of these routes.
  router.use(authenticate(deps.authenticator), rateLimit(deps.rateLimit));

  router.post(
    '/applications',
    requireScope(SCOPES.submit),
    jsonBody({ limitBytes: deps.bodyLimitBytes }),
    async (ctx) => {
      const idempotencyKey = idempotencyKeyOf(ctx);
      const parsed = parseApplicationRequest(ctx.request.body);
      if (!parsed.ok) throw new InvalidApplicationError(parsed.errors);
      const submitted = await submitApplication(deps, parsed.input, {
        clientId: clientOf(ctx).id,
        correlationId: ctx.state.correlationId as string,
        idempotencyKey,
      });
      ctx.status = 202;
      ctx.set('Location', `/applications/${submitted.applicationId}`);
      if (submitted.replayed) ctx.set('Idempotent-Replayed', 'true');
      ctx.body = statusView({ id: submitted.applicationId, status: submitted.status });
    },
  );

  router.get('/applications/:applicationId/status', requireScope(SCOPES.read), async (ctx) => {
    ctx.body = statusView(await readApplication(deps.em(), clientOf(ctx).id, ctx.params.applicationId ?? ''));
  });

  router.get('/applications/:applicationId', requireScope(SCOPES.read), async (ctx) => {
    const application = await readApplication(deps.em(), clientOf(ctx).id, ctx.params.applicationId ?? '');
    ctx.body = applicationView(
      application,
      openApplicantName(application.applicantNameSealed, deps.personalData.keyring),
    );
  });

  router.delete('/applications/:applicationId', requireScope(SCOPES.erase), async (ctx) => {
    await eraseApplication(deps.em(), clientOf(ctx).id, ctx.params.applicationId ?? '', deps.clock());
    ctx.status = 204;
  });

  return router;
}
