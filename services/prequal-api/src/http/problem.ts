import type { Context, Next } from 'koa';
import { AppError, errorProperty, failureKindOf, type Logger } from '@prequal/service-kit';
import { InvalidApplicationError } from '../applications/errors.ts';
import { InsufficientScopeError, RateLimitedError, UnauthenticatedError } from '../auth/errors.ts';

export const PROBLEM_JSON = 'application/problem+json';

/** An RFC 9457 problem details body. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  errors?: readonly { field: string; message: string }[];
}

const TYPE_BASE = 'https://prequal.example/problems/';

interface Kind {
  readonly status: number;
  readonly title: string;
  readonly slug: string;
  readonly detail?: string;
}

/** Our error codes and what they mean over HTTP. */
const byCode: Record<string, Kind> = {
  INVALID_APPLICATION: { status: 422, title: 'Invalid application', slug: 'invalid-application' },
  APPLICATION_NOT_FOUND: { status: 404, title: 'Application not found', slug: 'not-found' },
  IDEMPOTENCY_KEY_REUSED: { status: 409, title: 'Idempotency key reused', slug: 'idempotency-key-reused' },
  INVALID_IDEMPOTENCY_KEY: {
    status: 400,
    title: 'Invalid Idempotency-Key header',
    slug: 'invalid-idempotency-key',
  },
  PERSONAL_DATA_IN_HEADER: {
    status: 400,
    title: 'Personal data in a header',
    slug: 'personal-data-in-header',
  },
  UNAUTHENTICATED: { status: 401, title: 'Not authenticated', slug: 'unauthenticated' },
  INSUFFICIENT_SCOPE: { status: 403, title: 'Not allowed', slug: 'insufficient-scope' },
  RATE_LIMITED: { status: 429, title: 'Too many requests', slug: 'rate-limited' },
};

const REALM = 'realm="prequal-api"';

/** The headers an error's answer carries besides its body: the challenge of RFC 6750, Retry-After. */
function headersFor(error: unknown, status: number): Record<string, string> {
  if (error instanceof UnauthenticatedError) {
    return {
      'WWW-Authenticate': error.presented ? `Bearer ${REALM}, error="invalid_token"` : `Bearer ${REALM}`,
    };
  }
  if (error instanceof InsufficientScopeError) {
    return { 'WWW-Authenticate': `Bearer ${REALM}, error="insufficient_scope", scope="${error.scope}"` };
  }
  if (error instanceof RateLimitedError) return { 'Retry-After': String(error.retryAfterSeconds) };
  return status === 503 ? { 'Retry-After': '5' } : {};
}

/** Errors raised by Koa, the body parser or the router, which carry an HTTP status of their own. */
const byStatus: Record<number, Kind> = {
  400: { status: 400, title: 'Malformed request', slug: 'malformed-request' },
  404: { status: 404, title: 'Not found', slug: 'not-found' },
  405: { status: 405, title: 'Method not allowed', slug: 'method-not-allowed' },
  413: {
    status: 413,
    title: 'Body too large',
    slug: 'body-too-large',
    detail: 'the request body is larger than the API accepts',
  },
  // The detail is the error's own: not JSON, an unsupported charset or Content-Encoding.
  415: { status: 415, title: 'Unsupported media type', slug: 'unsupported-media-type' },
};

const UNAVAILABLE: Kind = {
  status: 503,
  title: 'Service unavailable',
  slug: 'service-unavailable',
  detail: 'the database cannot be reached or is overloaded just now; try again shortly',
};

const INTERNAL: Kind = {
  status: 500,
  title: 'Internal error',
  slug: 'internal-error',
  detail: 'the request could not be completed; it has been logged',
};

/** What a 400 from the body parser was about, in words a client can act on. */
function malformedDetail(error: unknown): string {
  const type = errorProperty(error, 'type');
  const message = errorProperty(error, 'message');
  // co-body parses with bourne, which throws a SyntaxError for bad JSON and for a prototype key.
  if (error instanceof SyntaxError || type === 'entity.parse.failed') {
    return typeof message === 'string' && /prototype/i.test(message)
      ? 'the body uses a forbidden key (__proto__ or constructor.prototype)'
      : 'the body is not valid JSON';
  }
  if (type === 'request.aborted') return 'the request was aborted before its body arrived';
  if (type === 'request.size.invalid') return 'the body is not as long as its Content-Length says';
  return errorProperty(error, 'expose') === true && typeof message === 'string'
    ? message
    : 'the request could not be read';
}

/** The kind of problem an error is, and its detail. */
function classify(error: unknown): { kind: Kind; detail: string } {
  if (error instanceof AppError) {
    const kind = byCode[error.code];
    if (kind) return { kind, detail: error.message };
  }
  const status = errorProperty(error, 'status');
  if (typeof status === 'number' && status >= 400 && status < 500) {
    const kind = byStatus[status] ?? { status, title: 'Bad request', slug: 'bad-request' };
    const message = errorProperty(error, 'message');
    const detail =
      status === 400 ? malformedDetail(error) : typeof message === 'string' ? message : kind.title;
    return { kind, detail: kind.detail ?? detail };
  }
  if (failureKindOf(error) === 'unavailable') return { kind: UNAVAILABLE, detail: UNAVAILABLE.detail ?? '' };
  return { kind: INTERNAL, detail: INTERNAL.detail ?? '' };
}

/** Maps a thrown error to a problem; anything unknown is a 500 without internals. */
export function problemFor(error: unknown, instance: string): Problem {
  const { kind, detail } = classify(error);
  return {
    type: `${TYPE_BASE}${kind.slug}`,
    title: kind.title,
    status: kind.status,
    detail,
    instance,
    ...(error instanceof InvalidApplicationError ? { errors: error.errors } : {}),
  };
}

/** One middleware turns every error (and every unmatched route) into application/problem+json. */
export async function problemMiddleware(ctx: Context, next: Next): Promise<void> {
  try {
    await next();
    if (ctx.body === undefined) {
      // koa-router's allowedMethods set 405 or 501 and the Allow header (which stays); with no
      // method allowed, the path is unknown.
      const allowed = ctx.response.get('Allow');
      if (ctx.status === 404 || ((ctx.status === 405 || ctx.status === 501) && !allowed))
        ctx.throw(404, `no route for ${ctx.method} ${ctx.path}`);
      // 501 is koa-router's answer to a method it does not know at all (PURGE): also a 405 here.
      if (ctx.status === 405 || ctx.status === 501)
        ctx.throw(405, `${ctx.method} is not allowed here; allowed: ${allowed}`);
    }
  } catch (error) {
    const problem = problemFor(error, ctx.path);
    const logger = ctx.state.logger as Logger | undefined;
    if (problem.status >= 500) logger?.error({ err: error }, 'request failed');
    else logger?.info({ problem: problem.type, detail: problem.detail }, 'request refused');
    ctx.status = problem.status;
    ctx.type = PROBLEM_JSON;
    ctx.set(headersFor(error, problem.status));
    ctx.body = problem;
  }
}
