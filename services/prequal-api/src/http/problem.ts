import type { Context, Next } from 'koa';
import { AppError, errorProperty, failureKindOf, type Logger } from '@prequal/service-kit';
import { InvalidApplicationError } from '../applications/errors.ts';
import { InsufficientScopeError, RateLimitedError, UnauthenticatedError } from '../auth/errors.ts';
import {
  PROBLEM_OF_CODE,
  PROBLEM_OF_STATUS,
  PROBLEMS,
  problemTypeOf,
  type ProblemKind,
} from './contract/problems.ts';
import { BEARER_REALM } from './contract/answer-headers.ts';

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

/** The headers an error's answer carries besides its body: the challenge of RFC 6750, Retry-After. */
function headersFor(error: unknown, status: number): Record<string, string> {
  if (error instanceof UnauthenticatedError) {
    return {
      'WWW-Authenticate': error.presented
        ? `Bearer ${BEARER_REALM}, error="invalid_token"`
        : `Bearer ${BEARER_REALM}`,
    };
  }
  if (error instanceof InsufficientScopeError) {
    return {
      'WWW-Authenticate': `Bearer ${BEARER_REALM}, error="insufficient_scope", scope="${error.scope}"`,
    };
  }
  if (error instanceof RateLimitedError) return { 'Retry-After': String(error.retryAfterSeconds) };
  return status === 503 ? { 'Retry-After': '5' } : {};
}

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

type Kind = Pick<ProblemKind, 'status' | 'title' | 'slug' | 'detail'>;

/** The kind of problem an error is, and its detail. */
function classify(error: unknown): { kind: Kind; detail: string } {
  if (error instanceof AppError) {
    const name = PROBLEM_OF_CODE[error.code];
    if (name) return { kind: PROBLEMS[name], detail: error.message };
  }
  const status = errorProperty(error, 'status');
  if (typeof status === 'number' && status >= 400 && status < 500) {
    const name = PROBLEM_OF_STATUS[status];
    // A status no route gives (the document has none of it): still a problem, never a stack trace.
    const kind: Kind = name ? PROBLEMS[name] : { status, title: 'Bad request', slug: 'bad-request' };
    const message = errorProperty(error, 'message');
    const detail =
      status === 400 ? malformedDetail(error) : typeof message === 'string' ? message : kind.title;
    return { kind, detail: kind.detail ?? detail };
  }
  const kind = failureKindOf(error) === 'unavailable' ? PROBLEMS.unavailable : PROBLEMS.internal;
  return { kind, detail: kind.detail };
}

/** Maps a thrown error to a problem; anything unknown is a 500 without internals. */
export function problemFor(error: unknown, instance: string): Problem {
  const { kind, detail } = classify(error);
  return {
    type: problemTypeOf(kind),
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
      if (ctx.status === 404 || ((ctx.status === 405 || ctx.status === 501) && !allowed)) {
        // koa-router leaves an empty Allow on a method it does not know: a 404 has none.
        ctx.remove('Allow');
        ctx.throw(404, `no route for ${ctx.method} ${ctx.path}`);
      }
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
