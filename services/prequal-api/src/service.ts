import { randomUUID } from 'node:crypto';
import { databasePart } from '@prequal/db';
import { messagingPart, outboxRelayPart, retentionPart } from '@prequal/messaging';
import { httpServerPart, opsServerPart, type ServiceHost } from '@prequal/service-kit';
import { createApp } from './app.ts';
import { accessTokenVerifier } from './auth/access-tokens.ts';
import { bearerAuthenticator, type Authenticator } from './auth/authenticator.ts';
import { KeyAuthenticator } from './auth/key-authenticator.ts';
import type { PrequalApiConfig } from './config.ts';
import type { Database } from '@prequal/db';
import type { Logger } from '@prequal/service-kit';

/** API keys from the database; JWT access tokens too when an identity provider is configured. */
function authenticatorFor(config: PrequalApiConfig, database: Database, logger: Logger): Authenticator {
  const keys = new KeyAuthenticator({
    em: database.em,
    logger,
    cacheMs: config.API_KEY_CACHE_SECONDS * 1000,
  });
  const accessToken =
    config.AUTH_JWT_ISSUER === ''
      ? undefined
      : accessTokenVerifier({
          issuer: config.AUTH_JWT_ISSUER,
          audience: config.AUTH_JWT_AUDIENCE,
          jwksUrl: config.AUTH_JWT_JWKS_URL || undefined,
          jwksFile: config.AUTH_JWT_JWKS_FILE || undefined,
        });
  return bearerAuthenticator({ apiKey: (key) => keys.authenticate(key), accessToken });
}

/**
 * prequal-api: the REST API and its outbox relay. Starting needs only the database: the relay
 * connects to Kafka and the registry in the background, so applications are accepted while
 * either is down.
 */
export async function startPrequalApi(config: PrequalApiConfig, host: ServiceHost) {
  const ops = await host.start(opsServerPart(host, config));
  const database = await host.start(databasePart(config));
  const messaging = await host.start(messagingPart(config, ['loan_applications_submitted']));
  const relay = await host.start(outboxRelayPart(config, { database, messaging }));
  await host.start(retentionPart(config, { database, relay }));
  const app = createApp({
    logger: host.logger,
    metrics: host.metrics,
    em: database.em,
    clock: () => new Date(),
    newId: randomUUID,
    bodyLimitBytes: config.BODY_LIMIT_BYTES,
    publicBaseUrl: config.PUBLIC_BASE_URL,
    trustProxy: config.TRUST_PROXY,
    authenticator: authenticatorFor(config, database, host.logger),
    rateLimit: { requests: config.RATE_LIMIT_REQUESTS, windowSeconds: config.RATE_LIMIT_WINDOW_SECONDS },
  });
  const server = await host.start(httpServerPart(app, config.PORT, config.HOST));
  return { port: server.port, opsPort: ops.port, docs: `${config.PUBLIC_BASE_URL}/docs`, database };
}
