import Joi from 'joi';
import type { Settings, SettingsOf } from '@prequal/service-kit';

/** Who may call the API: API keys always; JWT access tokens when an identity provider is set. */
export const authSettings = {
  AUTH_JWT_ISSUER: Joi.string()
    .allow('')
    .default('')
    .description('issuer (iss) of accepted OAuth 2.0 JWT access tokens; empty: API keys only'),
  AUTH_JWT_AUDIENCE: Joi.string()
    .allow('')
    .default('')
    .when('AUTH_JWT_ISSUER', { not: '', then: Joi.string().required() })
    .description('audience (aud) the access tokens must name: this API'),
  AUTH_JWT_JWKS_URL: Joi.string()
    .uri({ scheme: ['https', 'http'] })
    .allow('')
    .default('')
    .description("URL of the identity provider's signing keys (JWKS)"),
  AUTH_JWT_JWKS_FILE: Joi.string()
    .allow('')
    .default('')
    .description('file holding the signing keys (JWKS), instead of a URL'),
  API_KEY_CACHE_SECONDS: Joi.number()
    .integer()
    .min(0)
    .max(300)
    .default(30)
    .description(
      'how long a checked API key is trusted before the database is asked again (a revocation waits this long)',
    ),
  RATE_LIMIT_REQUESTS: Joi.number()
    .integer()
    .min(1)
    .default(6000)
    .description('requests one client may make per window, per API instance (then 429)'),
  RATE_LIMIT_WINDOW_SECONDS: Joi.number()
    .integer()
    .min(1)
    .max(3600)
    .default(60)
    .description('the rate-limit window'),
  TRUST_PROXY: Joi.boolean()
    .default(false)
    .description(
      'behind a reverse proxy: trust its X-Forwarded-* headers (never when clients reach the API directly)',
    ),
} satisfies Settings;

export type AuthSettings = SettingsOf<typeof authSettings>;

/** The JWKS variables come as a pair of which exactly one is set, when tokens are accepted. */
export function checkAccessTokenSettings(settings: AuthSettings): string | undefined {
  if (settings.AUTH_JWT_ISSUER === '') return undefined;
  const sources = [settings.AUTH_JWT_JWKS_URL, settings.AUTH_JWT_JWKS_FILE].filter((value) => value !== '');
  return sources.length === 1
    ? undefined
    : 'with AUTH_JWT_ISSUER set, set exactly one of AUTH_JWT_JWKS_URL and AUTH_JWT_JWKS_FILE';
}
