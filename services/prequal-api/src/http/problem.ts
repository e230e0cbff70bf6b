import type { Context, Next } from 'koa';
import { AppError, type Logger } from '@prequal/service-kit';
import { InvalidApplicationError } from '../applications/errors.ts';

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

/** Our error codes and what they mean over HTTP. */
const byCode: Record<string, { status: number; title: string; slug: string }> = {
  INVALID_APPLICATION: { status: 422, title: 'Invalid application', slug: 'invalid-application' },
  APPLICATION_NOT_FOUND: { status: 404, title: 'Application not found', slug: 'not-found' },
  IDEMPOTENCY_KEY_REUSED: { status: 409, title: 'Idempotency key reused', slug: 'idempotency-key-reused' },
  INVALID_IDEMPOTENCY_KEY: {
    status: 400,
    title: 'Invalid Idempotency-Key header',
    slug: 'invalid-idempotency-key',
  },
};

/** Errors raised by Koa, the body parser or the router, which carry an HTTP status of their own. */
const byStatus: Record<number, { title: string; slug: string; detail?: string }> = {
  400: { title: 'Malformed request', slug: 'malformed-request', detail: 'the body is not valid JSON' },
  404: { title: 'Not found', slug: 'not-found' },
  405: { title: 'Method not allowed', slug: 'method-not-allowed' },
  413: {
    title: 'Body too large',
    slug: 'body-too-large',
    detail: 'the request body is larger than the API accepts',
  },
  415: {
    title: 'Unsupported media type',
    slug: 'unsupported-media-type',
    detail: 'send the application as application/json',
  },
};

function statusOf(error: unknown): number | undefined {
  const status =
    typeof error === 'object' && error !== null ? (error as { status?: unknown }).status : undefined;
  return typeof status === 'number' && status >= 400 && status < 500 ? status : undefined;
}

/** Maps a thrown error to a problem; anything unknown is a 500 without internals. */
export function problemFor(error: unknown, instance: string): Problem {
  if (error instanceof AppError && error.code in byCode) {
    const { status, title, slug } = byCode[error.code] ?? { status: 500, title: 'Error', slug: 'error' };
    return {
      type: `${TYPE_BASE}${slug}`,
      title,
      status,
      detail: error.message,
      instance,
      ...(error instanceof InvalidApplicationError ? { errors: error.errors } : {}),
    };
  }
  const status = statusOf(error);
  if (status !== undefined) {
    const known = byStatus[status] ?? { title: 'Bad request', slug: 'bad-request' };
    const message =
      error instanceof Error && (error as { expose?: boolean }).expose ? error.message : undefined;
    return {
      type: `${TYPE_BASE}${known.slug}`,
      title: known.title,
      status,
      detail: known.detail ?? message ?? known.title,
      instance,
    };
  }
  return {
    type: `${TYPE_BASE}internal-error`,
    title: 'Internal error',
    status: 500,
    detail: 'the request could not be completed; it has been logged',
    instance,
  };
}

/** One middleware turns every error (and every unmatched route) into application/problem+json. */
export async function problemMiddleware(ctx: Context, next: Next): Promise<void> {
  try {
    await next();
    if (ctx.status === 404 && ctx.body === undefined)
      ctx.throw(404, `no route for ${ctx.method} ${ctx.path}`);
  } catch (error) {
    const problem = problemFor(error, ctx.path);
    const logger = ctx.state.logger as Logger | undefined;
    if (problem.status >= 500) logger?.error({ err: error }, 'request failed');
    else logger?.info({ problem: problem.type, detail: problem.detail }, 'request refused');
    ctx.status = problem.status;
    ctx.type = PROBLEM_JSON;
    ctx.body = problem;
  }
}
