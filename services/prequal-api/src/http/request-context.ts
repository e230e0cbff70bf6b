import { randomUUID } from 'node:crypto';
import type { Context, Next } from 'koa';
import { containsPan, type Logger } from '@prequal/service-kit';
import { PersonalDataInHeaderError } from '../applications/errors.ts';
import { HEADERS_WITHOUT_PAN, SAFE_ID } from './contract/headers.ts';

function idFrom(header: string | undefined): string {
  return header && SAFE_ID.test(header) && !containsPan(header) ? header : randomUUID();
}

/**
 * Gives every request a request id and a correlation id (taken from X-Request-Id and
 * X-Correlation-Id when well-formed, else new), echoes both, and a child logger carrying them. An
 * id that holds a PAN is never taken (refusePersonalDataInIds answers 400).
 */
export function requestContext(logger: Logger) {
  return async (ctx: Context, next: Next): Promise<void> => {
    const requestId = idFrom(ctx.get('X-Request-Id'));
    const correlationId = idFrom(ctx.get('X-Correlation-Id'));
    ctx.state.requestId = requestId;
    ctx.state.correlationId = correlationId;
    // bunyan's simple child: only these fields added, no streams or serializers copied per request.
    ctx.state.logger = logger.child({ requestId, correlationId }, true);
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

/**
 * Refuses a request whose trace ids or Idempotency-Key hold a PAN: they travel to every log line,
 * the database and every event, where personal data has no place. Runs inside the problem
 * middleware, so the answer is a problem like any other.
 */
export async function refusePersonalDataInIds(ctx: Context, next: Next): Promise<void> {
  for (const name of HEADERS_WITHOUT_PAN) {
    if (containsPan(ctx.get(name))) {
      throw new PersonalDataInHeaderError(`${name} must not contain personal data (it holds a PAN)`);
    }
  }
  await next();
}
