import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * `count` copies of `tuple` joined by commas, for the bind parameters of raw SQL:
 * `placeholders(2, '(?, ?)')` is `(?, ?), (?, ?)`. An empty list would be invalid SQL, so it throws.
 */
export function placeholders(count: number, tuple = '?'): string {
  if (count < 1) throw new Error('an SQL list needs at least one item');
  return Array.from({ length: count }, () => tuple).join(', ');
}

export interface TimestampSpan {
  readonly first: Date | undefined;
  readonly last: Date | undefined;
  readonly rows: number;
}

/** The first and last value of a timestamp column over the rows that have it. */
export async function timestampSpan(
  em: EntityManager,
  table: 'applications' | 'outbox',
  column: 'decided_at' | 'published_at',
): Promise<TimestampSpan> {
  const [row] = await em.execute<{ first: Date | string | null; last: Date | string | null; rows: string }[]>(
    `select min(${column}) as first, max(${column}) as last, count(${column}) as rows from ${table}`,
  );
  // Raw rows: the driver gives timestamps as text.
  const date = (value: Date | string | null | undefined) =>
    value === null || value === undefined ? undefined : new Date(value);
  return { first: date(row?.first), last: date(row?.last), rows: Number(row?.rows ?? 0) };
}
