import { randomUUID } from 'node:crypto';
import { databasePart } from '@prequal/db';
import { messagingPart, outboxRelayPart, retentionPart } from '@prequal/messaging';
import { httpServerPart, opsServerPart, type ServiceHost } from '@prequal/service-kit';
import { createApp } from './app.ts';
import type { PrequalApiConfig } from './config.ts';

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
  });
  const server = await host.start(httpServerPart(app, config.PORT, config.HOST));
  return { port: server.port, opsPort: ops.port, docs: `${config.PUBLIC_BASE_URL}/docs`, database };
}
