import { appError } from '@prequal/service-kit';

/** No credentials, or credentials that are not valid: 401 with `WWW-Authenticate: Bearer`. */
export class UnauthenticatedError extends appError('UnauthenticatedError', 'UNAUTHENTICATED') {
  /** Whether credentials were presented (RFC 6750: then the challenge says `invalid_token`). */
  readonly presented: boolean;

  constructor(message: string, { presented, cause }: { presented: boolean; cause?: unknown }) {
    super(message, { cause });
    this.presented = presented;
  }
}

/** A valid client without the scope the request needs: 403. */
export class InsufficientScopeError extends appError('InsufficientScopeError', 'INSUFFICIENT_SCOPE') {
  readonly scope: string;

  constructor(scope: string) {
    super(`this client may not do this: it needs the scope ${scope}`);
    this.scope = scope;
  }
}

/** The client sent more requests than its limit: 429 with Retry-After. */
export class RateLimitedError extends appError('RateLimitedError', 'RATE_LIMITED') {
  readonly retryAfterSeconds: number;

  constructor(retryAfterSeconds: number) {
    super(`too many requests from this client; try again in ${retryAfterSeconds} s`);
    this.retryAfterSeconds = retryAfterSeconds;
  }
}
