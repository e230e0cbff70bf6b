import { Kafka, logLevel, type LogEntry, type logCreator } from 'kafkajs';
import type { Logger } from '@prequal/service-kit';
import { kafkaSecurity, type KafkaSecuritySettings } from './kafka-security.ts';
import type { KafkaSettings } from './settings.ts';

const levels: Record<logLevel, 'error' | 'warn' | 'info' | 'debug' | undefined> = {
  [logLevel.NOTHING]: undefined,
  [logLevel.ERROR]: 'error',
  [logLevel.WARN]: 'warn',
  [logLevel.INFO]: 'info',
  [logLevel.DEBUG]: 'debug',
};

/** kafkajs logs through our bunyan logger (JSON, PAN-masked) instead of its own console output. */
function bunyanLogCreator(logger: Logger): logCreator {
  const kafkaLogger = logger.child({ component: 'kafkajs' });
  return () =>
    ({ level, log }: LogEntry) => {
      const method = levels[level];
      if (!method) return;
      const { message, ...fields } = log;
      kafkaLogger[method](fields, message);
    };
}

export type KafkaConnectionSettings = Pick<KafkaSettings, 'KAFKA_BROKERS'> & KafkaSecuritySettings;

/**
 * A kafkajs client for `clientId` with the connection settings every Kafka client of ours uses:
 * the brokers, TLS and SASL as configured.
 */
export function createKafka(
  clientId: string,
  settings: KafkaConnectionSettings,
  logger: Logger,
  { quiet = false }: { quiet?: boolean } = {},
): Kafka {
  return new Kafka({
    clientId,
    brokers: settings.KAFKA_BROKERS.split(','),
    ...kafkaSecurity(settings),
    // quiet: a client whose caller reports what goes wrong itself (a sign-in check).
    logLevel: quiet ? logLevel.NOTHING : logLevel.WARN,
    logCreator: bunyanLogCreator(logger),
    retry: { initialRetryTime: 100, retries: 8 },
  });
}
