import { Kafka, logLevel, type LogEntry, type logCreator } from 'kafkajs';
import type { Logger } from '@prequal/service-kit';
import { stopKafkajsIdleLoop } from './kafkajs-idle-loop.ts';
import { kafkaSecurity, type KafkaSecuritySettings } from './kafka-security.ts';
import type { KafkaSettings } from './settings.ts';

// Before any client connects: an idle connection must not wake the process every millisecond.
stopKafkajsIdleLoop();

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
 * How a client retries connecting and finding leaders or the coordinator (kafkajs's cluster level,
 * below every producer, consumer and admin request): from 100 ms doubling, but never more than 1 s
 * apart, so that it notices within a second that the broker is back. kafkajs's default ceiling is
 * 30 s: with 8 retries the last waits were 6.4 and 12.8 s, so a broker back after 20 s could be
 * found up to 12.8 s late (docs/decisions/0070-recovery-times.md).
 */
const CLUSTER_RETRY = { initialRetryTime: 100, maxRetryTime: 1_000 };

/**
 * A kafkajs client for `clientId` with the connection settings every Kafka client of ours uses:
 * the brokers, TLS and SASL as configured. `retries` bounds the cluster-level retries of its requests: 8 (about 5.5 s) lets a producer's
 * send or an admin call fail during an outage, so that its caller backs off and frees what it
 * holds; a consumer's client retries without limit (see `createConsumerKafka`). `quiet`: a client
 * whose caller reports what goes wrong itself (a sign-in check).
 */
export function createKafka(
  clientId: string,
  settings: KafkaConnectionSettings,
  logger: Logger,
  { retries = 8, quiet = false }: { retries?: number; quiet?: boolean } = {},
): Kafka {
  return new Kafka({
    clientId,
    brokers: settings.KAFKA_BROKERS.split(','),
    ...kafkaSecurity(settings),
    logLevel: quiet ? logLevel.NOTHING : logLevel.WARN,
    logCreator: bunyanLogCreator(logger),
    retry: { ...CLUSTER_RETRY, retries },
  });
}

/**
 * The client of a consumer: its cluster-level retries never run out. When they did, kafkajs
 * "crashed" the consumer during an outage and restarted it as a new member; the group then kept
 * the old, silent member until its session expired, and the restarted consumer's join waited for
 * that (a whole session timeout after the broker was back). Retrying in place keeps the member id,
 * and the member rejoins at once.
 */
export function createConsumerKafka(
  clientId: string,
  settings: KafkaConnectionSettings,
  logger: Logger,
): Kafka {
  return createKafka(clientId, settings, logger, { retries: Number.MAX_SAFE_INTEGER });
}
