import type { EntityManager } from '@mikro-orm/postgresql';
import { runStatement } from './statement.ts';

/** Rows deleted per statement, so that a large first clean-up never holds long locks. */
const DELETE_BATCH = 5_000;

export interface PruneOptions {
  /** Rows per delete statement. */
  readonly batchSize?: number;
  /** Stops between batches once aborted (a shutdown does not wait for a long first clean-up). */
  readonly signal?: AbortSignal;
}

/** Runs a `delete … limit ?` until it deletes fewer rows than a batch; returns the rows deleted. */
export async function deleteInBatches(
  em: EntityManager,
  sql: string,
  params: readonly unknown[],
  { batchSize = DELETE_BATCH, signal }: PruneOptions,
): Promise<number> {
  let total = 0;
  while (!signal?.aborted) {
    const affectedRows = await runStatement(em, sql, [...params, batchSize]);
    total += affectedRows;
    if (affectedRows < batchSize) break;
  }
  return total;
}
