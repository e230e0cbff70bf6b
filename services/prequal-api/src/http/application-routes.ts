import Router from '@koa/router';
import type { Context, Middleware } from 'koa';
import { InvalidApplicationError, InvalidIdempotencyKeyError } from '../applications/errors.ts';
import { readApplication } from '../applications/read-application.ts';
import { eraseApplication } from '../applications/erase-application.ts';
import { submitApplication, type SubmitDeps } from '../applications/submit-application.ts';
import { openApplicantName } from '@prequal/pii';
import type { Authenticator } from '../auth/authenticator.ts';
import { authenticate, clientOf, requireScope } from './authentication.ts';
import { parseApplicationRequest } from './contract/application-request.ts';
import { IDEMPOTENCY_KEY } from './contract/headers.ts';
import { OPERATIONS, routerPathOf, type Operation } from './contract/operations.ts';
import { applicationView, statusView } from './contract/views.ts';
import { jsonBody } from './json-body.ts';
import { rateLimit, type RateLimitSettings } from './rate-limit.ts';

export interface ApplicationRoutesDeps extends SubmitDeps {
  readonly bodyLimitBytes: number;
  readonly authenticator: Authenticator;
  readonly rateLimit: RateLimitSettings;
}

function idempotencyKeyOf(ctx: Context): string | undefined {
  if (ctx.headers['idempotency-key'] === undefined) return undefined;
  const key = ctx.get('Idempotency-Key');
  if (!IDEMPOTENCY_KEY.test(key)) {
    throw new InvalidIdempotencyKeyError('Idempotency-Key must be 1 to 255 visible ASCII characters');
  }
  return key;
}

/** Where an operation is mounted, and the scope its client needs. */
function mount(router: Router, operation: Operation, ...handlers: Middleware[]): void {
  router[operation.method](routerPathOf(operation.path), requireScope(operation.scope), ...handlers);
}

/**
 * The operations of contract/operations.ts: submit, status, read, and the erasure of an
 * application's personal data, for authenticated clients only (credentials checked before a body
 * is read), each client limited to its own applications and its own request rate.
 */
export function applicationRouter(deps: ApplicationRoutesDeps): Router {
  const router = new Router();
  // Router middleware runs only for a request that matched one of these routes.
  router.use(authenticate(deps.authenticator), rateLimit(deps.rateLimit));
  const applicationId = (ctx: Context) =>
    (ctx.params as Record<string, string | undefined>).applicationId ?? '';

  mount(router, OPERATIONS.submitApplication, jsonBody({ limitBytes: deps.bodyLimitBytes }), async (ctx) => {
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
  });

  mount(router, OPERATIONS.getApplicationStatus, async (ctx) => {
    ctx.body = statusView(await readApplication(deps.em(), clientOf(ctx).id, applicationId(ctx)));
  });

  mount(router, OPERATIONS.getApplication, async (ctx) => {
    const application = await readApplication(deps.em(), clientOf(ctx).id, applicationId(ctx));
    ctx.body = applicationView(
      application,
      openApplicantName(application.applicantNameSealed, deps.personalData.keyring),
    );
  });

  mount(router, OPERATIONS.eraseApplicationPersonalData, async (ctx) => {
    await eraseApplication(deps.em(), clientOf(ctx).id, applicationId(ctx), deps.clock());
    ctx.status = 204;
  });

  return router;
}
