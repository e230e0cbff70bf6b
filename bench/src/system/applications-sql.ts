import type pg from 'pg';
import { topicTable, type LoanApplicationSubmitted } from '@prequal/events';
import { eventToJson } from '@prequal/messaging';

async function count(sql: pg.Pool, query: string, values: unknown[] = []): Promise<number> {
  const { rows } = await sql.query<{ count: string }>(query, values);
  return Number(rows[0]?.count ?? 0);
}

/** Applications not decided yet. */
export function pendingCount(sql: pg.Pool): Promise<number> {
  return count(sql, `select count(*) from applications where status = 'PENDING'`);
}

/** Outbox rows not published yet (of one topic, or all). */
export function unpublishedCount(sql: pg.Pool, topic?: string): Promise<number> {
  return topic === undefined
    ? count(sql, 'select count(*) from outbox where published_at is null')
    : count(sql, 'select count(*) from outbox where published_at is null and topic = $1', [topic]);
}

export interface WindowOutcome {
  /** created_at -> decided_at of each decided application, in milliseconds. */
  readonly latenciesMs: number[];
  readonly undecided: number;
  readonly lastDecidedAt: Date | undefined;
  readonly lastCreatedAt: Date | undefined;
}

/** The applications created within [from, to]: how long each took, from the database's timestamps. */
export async function applicationsCreatedBetween(sql: pg.Pool, from: Date, to: Date): Promise<WindowOutcome> {
  const { rows } = await sql.query<{ ms: number | null; decided_at: Date | null; created_at: Date }>(
    `select extract(epoch from decided_at - created_at)::float8 * 1000 as ms, decided_at, created_at
     from applications where created_at between $1 and $2`,
    [from, to],
  );
  const latenciesMs: number[] = [];
  let lastDecidedAt: Date | undefined;
  let lastCreatedAt: Date | undefined;
  for (const row of rows) {
    if (!lastCreatedAt || row.created_at > lastCreatedAt) lastCreatedAt = row.created_at;
    if (row.ms === null || row.decided_at === null) continue;
    latenciesMs.push(row.ms);
    if (!lastDecidedAt || row.decided_at > lastDecidedAt) lastDecidedAt = row.decided_at;
  }
  return { latenciesMs, undecided: rows.length - latenciesMs.length, lastDecidedAt, lastCreatedAt };
}

/** First and last value of a timestamp column over the rows that have it. */
export async function timestampSpan(
  sql: pg.Pool,
  table: 'applications' | 'outbox',
  column: 'decided_at' | 'published_at',
): Promise<{ first: Date | undefined; last: Date | undefined; rows: number }> {
  const { rows } = await sql.query<{ first: Date | null; last: Date | null; rows: string }>(
    `select min(${column}) as first, max(${column}) as last, count(${column}) as rows from ${table}`,
  );
  const row = rows[0];
  return { first: row?.first ?? undefined, last: row?.last ?? undefined, rows: Number(row?.rows ?? 0) };
}

/**
 * Stores PENDING applications and their LoanApplicationSubmitted events in the outbox, as
 * prequal-api's transaction does, but thousands per statement (for the drain scenario).
 */
export async function insertSubmitted(
  sql: pg.Pool,
  events: readonly LoanApplicationSubmitted[],
): Promise<void> {
  await sql.query(
    `insert into applications (id, pan_number, applicant_name, monthly_income_inr, loan_amount_inr,
       loan_type, status, correlation_id, created_at, updated_at)
     select id, pan, name, income, amount, loan_type, 'PENDING', correlation_id, at, at
     from unnest($1::uuid[], $2::text[], $3::text[], $4::numeric[], $5::numeric[], $6::text[], $7::text[],
       $8::timestamptz[]) as t(id, pan, name, income, amount, loan_type, correlation_id, at)`,
    [
      events.map((event) => event.applicationId),
      events.map((event) => event.panNumber),
      events.map((event) => event.applicantName),
      events.map((event) => event.monthlyIncomeInr),
      events.map((event) => event.loanAmountInr),
      events.map((event) => event.loanType),
      events.map((event) => event.correlationId),
      events.map((event) => event.occurredAt),
    ],
  );
  await sql.query(
    `insert into outbox (topic, message_key, event_id, event_type, correlation_id, payload, created_at)
     select 'loan_applications_submitted', key, event_id, $1, correlation_id, payload, at
     from unnest($2::text[], $3::uuid[], $4::text[], $5::jsonb[], $6::timestamptz[])
       as t(key, event_id, correlation_id, payload, at)`,
    [
      topicTable.loan_applications_submitted,
      events.map((event) => event.applicationId),
      events.map((event) => event.eventId),
      events.map((event) => event.correlationId),
      events.map((event) => JSON.stringify(eventToJson(event))),
      events.map((event) => event.occurredAt),
    ],
  );
}
