import { databasePart } from '@prequal/db';
import {
  consumerPart,
  messagingPart,
  outboxRelayPart,
  retentionPart,
  storeWithOutbox,
} from '@prequal/messaging';
import { opsServerPart, type ServiceHost } from '@prequal/service-kit';
import type { DecisionServiceConfig } from './config.ts';
import { decideApplications } from './on-credit-report-generated.ts';
import { observeTimeToDecision } from './time-to-decision.ts';

/**
 * decision-service: applies the rules to each credit report, records the decision and publishes
 * it through the outbox. Old published outbox rows, and old records of processed reports (no
 * redelivery can come after Kafka's retention), are deleted hourly.
 */
export async function startDecisionService(config: DecisionServiceConfig, host: ServiceHost) {
  const ops = await host.start(opsServerPart(host, config));
  const database = await host.start(databasePart(config));
  const messaging = await host.start(messagingPart(config, ['loan_decisions_made']));
  const relay = await host.start(outboxRelayPart(config, { database, messaging }));
  await host.start(retentionPart(config, { database, relay, processedEventsGroup: config.CONSUMER_GROUP }));
  await host.start(
    consumerPart(config, {
      messaging,
      topic: 'credit_reports_generated',
      pipeline: storeWithOutbox(database, decideApplications({ clock: () => new Date() })),
      measure: [observeTimeToDecision(host.metrics)],
    }),
  );
  return { opsPort: ops.port, port: ops.port, group: config.CONSUMER_GROUP };
}
