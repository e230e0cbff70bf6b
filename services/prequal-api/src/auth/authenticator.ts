import type { AuthenticatedClient } from './client.ts';
import { looksLikeApiKey } from '@prequal/db';
import { InvalidAccessTokenError } from './access-tokens.ts';
import { UnauthenticatedError } from './errors.ts';

export interface Authenticator {
  /** The client of an `Authorization` header, or UnauthenticatedError. */
  authenticate(authorization: string | undefined): Promise<AuthenticatedClient>;
}

export const BEARER = /^Bearer +([A-Za-z0-9._~+/-]+=*) *$/i;

/**
 * Bearer credentials (RFC 6750): an API key of ours (`pqk_…`), or, when an identity provider is
 * configured, a JWT access token. Anything else is refused the same way, so a caller learns nothing
 * about which part was wrong.
 */
export function bearerAuthenticator({
  apiKey,
  accessToken,
}: {
  apiKey: (key: string) => Promise<AuthenticatedClient | undefined>;
  accessToken?: ((token: string) => Promise<AuthenticatedClient>) | undefined;
}): Authenticator {
  return {
    async authenticate(authorization) {
      if (authorization === undefined || authorization === '') {
        throw new UnauthenticatedError(
          'send an API key or access token: Authorization: Bearer <credential>',
          {
            presented: false,
          },
        );
      }
      const token = BEARER.exec(authorization)?.[1];
      // Made only when refusing: an error's stack trace costs more than checking a cached key.
      const refused = (cause?: unknown) =>
        new UnauthenticatedError('the credentials are not valid', { presented: true, cause });
      if (!token) throw refused();
      if (looksLikeApiKey(token)) {
        const client = await apiKey(token);
        if (!client) throw refused();
        return client;
      }
      if (!accessToken) throw refused();
      try {
        return await accessToken(token);
      } catch (error) {
        if (error instanceof InvalidAccessTokenError) throw refused(error);
        throw error;
      }
    },
  };
}
