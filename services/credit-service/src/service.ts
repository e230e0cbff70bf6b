import { consumerPart, messagingPart, publishDirectly } from '@prequal/messaging';
import { keyringPart } from '@prequal/pii';
import { opsServerPart, type ServiceHost } from '@prequal/service-kit';
import type { CreditServiceConfig } from './config.ts';
import { scoreApplications } from './on-application-submitted.ts';

/**
 * credit-service: scores each submitted application and publishes its credit report. It holds the
 * keyring: the fixed scores of the test PANs need the PAN in clear.
 */
export async function startCreditService(config: CreditServiceConfig, host: ServiceHost) {
  const ops = await host.start(opsServerPart(host, config));
  const keyring = await host.start(keyringPart(config));
  const messaging = await host.start(messagingPart(config, ['credit_reports_generated'], { keyring }));
  await host.start(
    consumerPart(config, {
      messaging,
      topic: 'loan_applications_submitted',
      pipeline: publishDirectly(scoreApplications),
    }),
  );
  return { opsPort: ops.port, port: ops.port, group: config.CONSUMER_GROUP };
}
