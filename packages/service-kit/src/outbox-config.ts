import Joi from 'joi';

/** Variables of a service that runs an outbox relay. */
export const outboxConfig = {
  OUTBOX_BATCH_SIZE: Joi.number()
    .integer()
    .min(1)
    .max(10_000)
    .default(500)
    .description('outbox rows published per round'),
  OUTBOX_POLL_INTERVAL_MS: Joi.number()
    .integer()
    .min(5)
    .default(100)
    .description('how often the relay looks for new outbox rows when idle'),
  OUTBOX_WAKE_DELAY_MS: Joi.number()
    .integer()
    .min(0)
    .max(1000)
    .default(20)
    .description('after new outbox rows, wait this long so that more go out in the same round'),
  RETENTION_HOURS: Joi.number()
    .integer()
    .min(1)
    .default(168)
    .description(
      "published outbox rows and processed-event records older than this are deleted (hourly); keep it at least Kafka's log retention",
    ),
  RUN_MIGRATIONS: Joi.boolean().default(false).description('apply database migrations at start-up'),
};

export interface OutboxConfig {
  OUTBOX_BATCH_SIZE: number;
  OUTBOX_POLL_INTERVAL_MS: number;
  OUTBOX_WAKE_DELAY_MS: number;
  RETENTION_HOURS: number;
  RUN_MIGRATIONS: boolean;
}
