import type { Context, Next } from 'koa';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { RateLimitedError } from '../auth/errors.ts';
import { clientOf } from './authentication.ts';

export interface RateLimitSettings {
  /** Requests one client may make per window, on one API instance. */
  readonly requests: number;
  readonly windowSeconds: number;
}

/**
 * At most `requests` per `windowSeconds` per client on this instance (rate-limiter-flexible, in
 * memory); beyond, 429 with Retry-After. With N instances behind a load balancer a client gets up
 * to N times the limit: set it to the global limit divided by the instances.
 */
export function rateLimit({ requests, windowSeconds }: RateLimitSettings) {
  const limiter = new RateLimiterMemory({ points: requests, duration: windowSeconds });
  return async (ctx: Context, next: Next): Promise<void> => {
    try {
      await limiter.consume(clientOf(ctx).id);
    } catch (refusal) {
      if (!(refusal instanceof RateLimiterRes)) throw refusal;
      throw new RateLimitedError(Math.max(1, Math.ceil(refusal.msBeforeNext / 1000)));
    }
    await next();
  };
}
