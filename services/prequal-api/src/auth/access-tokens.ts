import { readFileSync } from 'node:fs';
import {
  createLocalJWKSet,
  createRemoteJWKSet,
  errors,
  jwtVerify,
  type JSONWebKeySet,
  type JWTVerifyGetKey,
} from 'jose';
import type { AuthenticatedClient } from './client.ts';

/** Where the identity provider's signing keys come from, and what its tokens must say. */
export interface AccessTokenSettings {
  readonly issuer: string;
  readonly audience: string;
  readonly jwksUrl?: string | undefined;
  readonly jwksFile?: string | undefined;
}

/** Asymmetric signatures only: a shared secret would let the API mint tokens itself. */
const ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'];

/** The token was checked and refused (signature, issuer, audience, expiry, type, claims). */
export class InvalidAccessTokenError extends Error {
  override readonly name = 'InvalidAccessTokenError';
}

function keySet({ jwksUrl, jwksFile }: AccessTokenSettings): JWTVerifyGetKey {
  if (jwksUrl)
    return createRemoteJWKSet(new URL(jwksUrl), { timeoutDuration: 2_000, cooldownDuration: 30_000 });
  if (jwksFile) return createLocalJWKSet(JSON.parse(readFileSync(jwksFile, 'utf8')) as JSONWebKeySet);
  throw new Error('an access-token verifier needs a JWKS URL or file');
}

/**
 * Verifies OAuth 2.0 access tokens in the JWT profile of RFC 9068 with jose: signature against the
 * identity provider's JWKS, `typ` at+jwt, issuer, audience, expiry (30 s of clock skew), and the
 * `client_id` claim, which becomes the client the applications belong to; `scope` gives its scopes.
 * A JWKS that cannot be fetched is an outage (503), not a refusal.
 */
export function accessTokenVerifier(
  settings: AccessTokenSettings,
): (token: string) => Promise<AuthenticatedClient> {
  const keys = keySet(settings);
  return async (token) => {
    try {
      const { payload } = await jwtVerify(token, keys, {
        issuer: settings.issuer,
        audience: settings.audience,
        typ: 'at+jwt',
        algorithms: ALGORITHMS,
        requiredClaims: ['exp', 'client_id'],
        clockTolerance: 30,
      });
      const clientId = payload.client_id;
      if (typeof clientId !== 'string' || clientId === '') {
        throw new InvalidAccessTokenError('the access token has no client_id');
      }
      const scope = typeof payload.scope === 'string' ? payload.scope : '';
      return { id: clientId, scopes: new Set(scope.split(' ').filter(Boolean)), via: 'access-token' };
    } catch (error) {
      if (error instanceof errors.JWKSTimeout || !(error instanceof errors.JOSEError)) throw error;
      throw new InvalidAccessTokenError(`the access token was refused: ${error.message}`, { cause: error });
    }
  };
}
