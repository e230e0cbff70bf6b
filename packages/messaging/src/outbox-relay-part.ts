import { readOutboxBacklog, type Database } from '@prequal/db';
import type { Part } from '@prequal/service-kit';
import type { Messaging } from './messaging.ts';
import { OutboxListener } from './outbox-listener.ts';
import { createOutboxMetrics } from './outbox-metrics.ts';
import { OutboxRelay } from './outbox-relay.ts';
import type { OutboxSettings } from './settings.ts';

/**
 * The relay of a service that writes events to the outbox: it publishes the rows of the topics the
 * service writes, woken by the outbox listener; with RELAY_ENABLED=false it only exports the
 * backlog metrics (another instance publishes).
 */
export function outboxRelayPart(
  settings: OutboxSettings,
  {
    database,
    messaging,
    loopUtilization,
  }: {
    database: Database;
    messaging: Messaging;
    /** How busy the process is (tests set it; default: Node's event loop utilization). */
    loopUtilization?: () => number;
  },
): Part<OutboxRelay> {
  let listener: OutboxListener | undefined;
  return {
    name: 'outbox relay',
    start: ({ logger, metrics }) => {
      const topics = messaging.writes;
      const relay = new OutboxRelay({
        em: database.em,
        topics,
        publisher: messaging.publisher,
        serde: messaging.serde,
        logger: logger.child({ component: 'outbox-relay' }),
        metrics: createOutboxMetrics(metrics, () => readOutboxBacklog(database.em(), topics)),
        batchSize: settings.OUTBOX_BATCH_SIZE,
        pollIntervalMs: settings.OUTBOX_POLL_INTERVAL_MS,
        wakeDelayMs: settings.OUTBOX_WAKE_DELAY_MS,
        busyWakeDelayMs: settings.OUTBOX_BUSY_WAKE_DELAY_MS,
        ...(loopUtilization ? { loopUtilization } : {}),
        // A busy relay polls: no notification per commit is sent to its listener meanwhile.
        onBusyChange: (busy) => {
          if (busy) listener?.pause();
          else listener?.resume();
        },
      });
      if (settings.RELAY_ENABLED) {
        relay.start();
        listener = new OutboxListener({
          connection: database.connection,
          topics,
          onRows: () => {
            relay.wake();
          },
          logger: logger.child({ component: 'outbox-listener' }),
        });
        listener.start();
      }
      return Promise.resolve(relay);
    },
    stop: async (relay) => {
      await listener?.stop();
      await relay.stop();
    },
  };
}
