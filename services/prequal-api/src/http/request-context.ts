import { randomUUID } from 'node:crypto';
import type { Context, Next } from 'koa';
import type { Logger } from '@prequal/service-kit';

export const SAFE_ID = /^[A-Za-z0-9._:-]{1,64}$/;

function idFrom(header: string | undefined): string {
  return header && SAFE_ID.test(header) ? header : randomUUID();
}

/**
 * Gives every request a request id and a correlation id (taken from X-Request-Id and
 * X-Correlation-Id when well-formed, else new), echoes both, and a child logger carrying them.
 */
export function requestContext(logger: Logger) {
  return async (ctx: Context, next: Next): Promise<void> => {
    const requestId = idFrom(ctx.get('X-Request-Id'));
    const correlationId = idFrom(ctx.get('X-Correlation-Id'));
    ctx.state.requestId = requestId;
    ctx.state.correlationId = correlationId;
    ctx.state.logger = logger.child({ requestId, correlationId });
    ctx.set('X-Request-Id', requestId);
    ctx.set('X-Correlation-Id', correlationId);
    const started = process.hrtime.bigint();
    try {
      await next();
    } finally {
      const durationMs = Number(process.hrtime.bigint() - started) / 1e6;
      (ctx.state.logger as Logger).info(
        {
          method: ctx.method,
          path: ctx.path,
          status: ctx.status,
          durationMs: Math.round(durationMs * 100) / 100,
        },
        'request',
      );
    }
  };
}
