import Joi from 'joi';
import { commonConfig, type CommonConfig } from './config.ts';

/** Variables every Kafka worker reads, on top of the common ones. */
export const workerConfig = {
  ...commonConfig,
  TOPIC_PARTITIONS: Joi.number()
    .integer()
    .min(1)
    .max(256)
    .default(6)
    .description('partitions of topics created at start-up'),
  MAX_ATTEMPTS: Joi.number()
    .integer()
    .min(1)
    .max(100)
    .default(5)
    .description('tries of a retriable failure before dead-lettering'),
  RETRY_INITIAL_MS: Joi.number()
    .integer()
    .min(1)
    .default(200)
    .description('first retry delay; doubles per attempt'),
  RETRY_MAX_MS: Joi.number().integer().min(1).default(10_000).description('longest retry delay'),
  PARTITIONS_CONSUMED_CONCURRENTLY: Joi.number()
    .integer()
    .min(1)
    .max(64)
    .default(3)
    .description('partitions this instance processes at once'),
};

export interface WorkerConfig extends CommonConfig {
  TOPIC_PARTITIONS: number;
  MAX_ATTEMPTS: number;
  RETRY_INITIAL_MS: number;
  RETRY_MAX_MS: number;
  PARTITIONS_CONSUMED_CONCURRENTLY: number;
}
