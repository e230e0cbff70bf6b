import { randomUUID } from 'node:crypto';
import { databasePart, erasePersonalDataDecidedBefore } from '@prequal/db';
import { messagingPart, outboxRelayPart, retentionPart, type RetentionTask } from '@prequal/messaging';
import { EventCipher, keyringPart, loadBlindIndexKey } from '@prequal/pii';
import { httpServerPart, opsServerPart, type ServiceHost } from '@prequal/service-kit';
import { createApp } from './app.ts';
import { accessTokenVerifier } from './auth/access-tokens.ts';
import { bearerAuthenticator, type Authenticator } from './auth/authenticator.ts';
import { KeyAuthenticator } from './auth/key-authenticator.ts';
import type { PrequalApiConfig } from './config.ts';
import type { Database } from '@prequal/db';
import type { Logger } from '@prequal/service-kit';

/** The PAN and name of applications decided PII_RETENTION_DAYS ago are erased (the decision stays). */
function personalDataRetention(config: PrequalApiConfig, database: Database): RetentionTask {
  return {
    table: 'applications (personal data)',
    retentionHours: config.PII_RETENTION_DAYS * 24,
    prune: (before, signal) => erasePersonalDataDecidedBefore(database.em(), before, { signal }),
  };
}

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
  const keyring = await host.start(keyringPart(config));
  const blindIndexKey = loadBlindIndexKey(config);
  const database = await host.start(databasePart(config));
  const messaging = await host.start(messagingPart(config, ['loan_applications_submitted'], { keyring }));
  const relay = await host.start(outboxRelayPart(config, { database, messaging }));
  await host.start(
    retentionPart(config, { database, relay, tasks: [personalDataRetention(config, database)] }),
  );
  const app = createApp({
    logger: host.logger,
    metrics: host.metrics,
    em: database.em,
    clock: () => new Date(),
    newId: randomUUID,
    personalData: { keyring, blindIndexKey, cipher: new EventCipher(keyring) },
    bodyLimitBytes: config.BODY_LIMIT_BYTES,
    publicBaseUrl: config.PUBLIC_BASE_URL,
    trustProxy: config.TRUST_PROXY,
    authenticator: authenticatorFor(config, database, host.logger),
    rateLimit: { requests: config.RATE_LIMIT_REQUESTS, windowSeconds: config.RATE_LIMIT_WINDOW_SECONDS },
  });
  const server = await host.start(httpServerPart(app, config.PORT, config.HOST));
  return { port: server.port, opsPort: ops.port, docs: `${config.PUBLIC_BASE_URL}/docs`, database };
}
