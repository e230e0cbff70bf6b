import type { Orm } from './orm.ts';

/** Resolves when the database answers; rejects with the reason when it does not. */
export async function databaseReachable(orm: Orm): Promise<void> {
  const status = await orm.checkConnection();
  if (!status.ok) throw new Error(status.reason);
}
