import type { Context, Next } from 'koa';
import type { AuthenticatedClient, Scope } from '../auth/client.ts';
import type { Authenticator } from '../auth/authenticator.ts';
import { InsufficientScopeError } from '../auth/errors.ts';

/** Every request through it comes from an authenticated client, kept in ctx.state.client. */
export function authenticate(authenticator: Authenticator) {
  return async (ctx: Context, next: Next): Promise<void> => {
    const header = ctx.get('Authorization');
    ctx.state.client = await authenticator.authenticate(header === '' ? undefined : header);
    await next();
  };
}

/** The authenticated client of a request (authenticate ran before). */
export function clientOf(ctx: Context): AuthenticatedClient {
  return ctx.state.client as AuthenticatedClient;
}

/** Refuses a client without `scope` with 403. */
export function requireScope(scope: Scope) {
  return async (ctx: Context, next: Next): Promise<void> => {
    if (!clientOf(ctx).scopes.has(scope)) throw new InsufficientScopeError(scope);
    await next();
  };
}
