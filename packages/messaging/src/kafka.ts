import { Kafka, logLevel, type LogEntry, type logCreator } from 'kafkajs';
import type { Logger } from '@prequal/service-kit';
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

/** A kafkajs client for `clientId` with the connection settings every Kafka client of ours uses. */
export function createKafka(
  clientId: string,
  settings: Pick<KafkaSettings, 'KAFKA_BROKERS'>,
  logger: Logger,
): Kafka {
  return new Kafka({
    clientId,
    brokers: settings.KAFKA_BROKERS.split(','),
    logLevel: logLevel.WARN,
    logCreator: bunyanLogCreator(logger),
    retry: { initialRetryTime: 100, retries: 8 },
  });
}
