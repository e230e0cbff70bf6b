import type { EntityManager } from '@mikro-orm/postgresql';
import { CompiledQuery } from 'kysely';

/*
 * MikroORM's `em.execute` writes every parameter into the SQL text as an escaped literal and sends
 * the statement with no bind parameters (mikro-orm/mikro-orm#8001): a sealed payload of a few
 * hundred bytes is escaped in JavaScript and parsed again as a literal by PostgreSQL, on every
 * statement. Our hand-written statements (the hot paths: a submission, a relay's claim, a batch of
 * decisions) go through the same connection or transaction instead, with the values as bind
 * parameters of PostgreSQL's extended protocol (decision 0100).
 */

/** PostgreSQL's extended protocol counts a statement's bind parameters in 16 bits. */
export const MAX_BIND_PARAMETERS = 65_535;

/**
 * `items` in chunks small enough for one statement each, when every item takes `perItem`
 * parameters and the statement `fixed` more (a bulk insert of 50,000 rows is several statements).
 */
export function statementChunks<T>(items: readonly T[], perItem: number, fixed = 0): T[][] {
  const size = Math.max(1, Math.floor((MAX_BIND_PARAMETERS - fixed) / perItem));
  const chunks: T[][] = [];
  for (let start = 0; start < items.length; start += size) chunks.push(items.slice(start, start + size));
  return chunks;
}

/** `?` placeholders as PostgreSQL's `$1, $2, …`. Our statements have no `?` in literals or operators. */
export function numberedPlaceholders(sql: string): string {
  let index = 0;
  return sql.replace(/\?/g, () => `$${++index}`);
}

async function executeBound(
  em: EntityManager,
  sql: string,
  params: readonly unknown[],
): Promise<{ rows: unknown[]; affectedRows: number }> {
  if (params.length > MAX_BIND_PARAMETERS) {
    throw new RangeError(
      `a statement takes at most ${MAX_BIND_PARAMETERS} values, not ${params.length}: split it (statementChunks)`,
    );
  }
  try {
    // The transaction's connection when the caller is in one, else the pool's.
    const result = await em
      .getKysely()
      .executeQuery(CompiledQuery.raw(numberedPlaceholders(sql), [...params]));
    return { rows: result.rows, affectedRows: Number(result.numAffectedRows ?? 0n) };
  } catch (error) {
    // The same errors as em.execute throws (ConnectionException, UniqueConstraintViolationException …).
    throw em.getDriver().convertException(error as Error);
  }
}

/** The rows of a statement with `?` placeholders, its values sent as bind parameters. */
export async function queryRows<Row>(
  em: EntityManager,
  sql: string,
  params: readonly unknown[] = [],
): Promise<Row[]> {
  // The statement's columns are the caller's to name, as with em.execute<Row>.
  return (await executeBound(em, sql, params)).rows as Row[];
}

/** Runs a statement with `?` placeholders, its values sent as bind parameters; the rows it changed. */
export async function runStatement(
  em: EntityManager,
  sql: string,
  params: readonly unknown[] = [],
): Promise<number> {
  return (await executeBound(em, sql, params)).affectedRows;
}
