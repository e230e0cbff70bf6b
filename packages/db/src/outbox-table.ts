import type { EntityManager } from '@mikro-orm/postgresql';
import { deleteInBatches, type PruneOptions } from './batched-delete.ts';
import { placeholders, timestampSpan, type TimestampSpan } from './sql.ts';
import { queryRows, runStatement, statementChunks } from './statement.ts';

export { OUTBOX_CHANNEL } from './outbox.entity.ts';

/** A row to add to the outbox: an event (as JSON) and where it goes. */
export interface NewOutboxRow {
  readonly topic: string;
  /** Kafka message key: the application id, so one application's events stay in order. */
  readonly messageKey: string;
  readonly eventId: string;
  readonly eventType: string;
  readonly correlationId: string;
  /** The event as JSON text (timestamps as ISO strings, money as decimal strings). */
  readonly payload: string;
  readonly createdAt: Date;
}

export const outboxColumns = [
  'topic',
  'message_key',
  'event_id',
  'event_type',
  'correlation_id',
  'payload',
  'created_at',
] as const;

/** The values of an outbox row in `outboxColumns` order. */
export function outboxRowValues(row: NewOutboxRow): unknown[] {
  return [
    row.topic,
    row.messageKey,
    row.eventId,
    row.eventType,
    row.correlationId,
    row.payload,
    row.createdAt,
  ];
}

/** Each outbox column's type, so that a bind parameter is typed wherever it stands (a SELECT list too). */
const OUTBOX_COLUMN_TYPES: Record<(typeof outboxColumns)[number], string> = {
  topic: 'varchar',
  message_key: 'varchar',
  event_id: 'uuid',
  event_type: 'varchar',
  correlation_id: 'varchar',
  payload: 'jsonb',
  created_at: 'timestamptz',
};

/** The bind parameters of one outbox row, in `outboxColumns` order. */
export const outboxRowTuple = `(${outboxColumns.map((column) => `?::${OUTBOX_COLUMN_TYPES[column]}`).join(', ')})`;

/** Adds events to the outbox in the caller's transaction (they commit, or not, with it). */
export async function insertOutboxRows(tx: EntityManager, rows: readonly NewOutboxRow[]): Promise<void> {
  for (const chunk of statementChunks(rows, outboxColumns.length)) {
    await runStatement(
      tx,
      `insert into outbox (${outboxColumns.join(', ')}) values ${placeholders(chunk.length, outboxRowTuple)}`,
      chunk.flatMap(outboxRowValues),
    );
  }
}

/** An outbox row claimed for publishing. */
export interface ClaimedOutboxRow {
  readonly id: string;
  readonly topic: string;
  readonly message_key: string;
  readonly event_id: string;
  readonly correlation_id: string;
  readonly payload: unknown;
}

/*
 * Claims a batch and marks it published in one statement; the caller's transaction commits only
 * after Kafka acknowledged the batch, so a failed send rolls the marks back. Only the head of
 * each key's queue is taken: a row waits while an earlier row of the same key is unpublished, so
 * one application's events leave in order even with several relays. Locked rows are skipped, so
 * relays never publish the same row concurrently. Rows that failed `maxAttempts` times are parked.
 */
const CLAIM_BATCH = (topics: number) => `
  update outbox set published_at = now(), attempts = attempts + 1
  where id in (
    select o.id from outbox o
    where o.published_at is null
      and o.topic in (${placeholders(topics)})
      and o.attempts < ?
      and not exists (
        select 1 from outbox e
        where e.published_at is null and e.topic = o.topic and e.message_key = o.message_key and e.id < o.id)
    order by o.id
    limit ?
    for update of o skip locked)
  returning id, topic, message_key, event_id, correlation_id, payload`;

/** Claims up to `limit` publishable rows of `topics`, oldest first, in the caller's transaction. */
export async function claimOutboxBatch(
  tx: EntityManager,
  topics: readonly string[],
  { limit, maxAttempts }: { limit: number; maxAttempts: number },
): Promise<ClaimedOutboxRow[]> {
  if (topics.length === 0) return [];
  const claimed = await queryRows<ClaimedOutboxRow>(tx, CLAIM_BATCH(topics.length), [
    ...topics,
    maxAttempts,
    limit,
  ]);
  return claimed.sort((a, b) => Number(BigInt(a.id) - BigInt(b.id)));
}

/** Unmarks a claimed row that could not be published, keeping why (it is tried again later). */
export async function recordOutboxError(tx: EntityManager, id: string, message: string): Promise<void> {
  await runStatement(tx, 'update outbox set published_at = null, last_error = ? where id = ?', [message, id]);
}

/** Unpublished rows (of `topics`) and the age of the oldest, for the backlog metrics. */
export async function readOutboxBacklog(
  em: EntityManager,
  topics: readonly string[],
): Promise<{ count: number; oldestAgeSeconds: number }> {
  if (topics.length === 0) return { count: 0, oldestAgeSeconds: 0 };
  const [row] = await queryRows<{ count: string; oldest: number | null }>(
    em,
    `select count(*) as count, extract(epoch from now() - min(created_at))::float8 as oldest
     from outbox where published_at is null and topic in (${placeholders(topics.length)})`,
    [...topics],
  );
  return { count: Number(row?.count ?? 0), oldestAgeSeconds: row?.oldest ?? 0 };
}

/**
 * Deletes outbox rows of `topics` published before `before`. Unpublished rows, parked ones
 * included, are never deleted: they are the backlog. Returns how many rows went.
 */
export function pruneOutbox(
  em: EntityManager,
  topics: readonly string[],
  before: Date,
  options: PruneOptions = {},
): Promise<number> {
  if (topics.length === 0) return Promise.resolve(0);
  return deleteInBatches(
    em,
    `delete from outbox where id in (
       select id from outbox
       where published_at < ? and topic in (${placeholders(topics.length)})
       order by published_at
       limit ?)`,
    [before, ...topics],
    options,
  );
}

/** When the first and the last of the published rows went out, and how many there are (benchmarks). */
export function publishedSpan(em: EntityManager): Promise<TimestampSpan> {
  return timestampSpan(em, 'outbox', 'published_at');
}
