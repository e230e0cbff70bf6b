import {
  countPendingApplications,
  decidedSpan,
  decisionTimesBetween,
  insertApplicationsWithEvents,
  publishedSpan,
  readOutboxBacklog,
  type Database,
} from '@prequal/db';
import { topicNames, type LoanApplicationSubmitted } from '@prequal/events';
import { outboxRowOf, outgoingEvent } from '@prequal/messaging';
import { EventCipher } from '@prequal/pii';
import { pendingApplicationOf, TEST_KEYS } from '@prequal/testkit';

/** Seals as prequal-api does, with the keys the bench's services get (TEST_KEYS). */
const CIPHER = new EventCipher(TEST_KEYS.keyring);

/** Applications not decided yet. */
export function pendingCount(database: Database): Promise<number> {
  return countPendingApplications(database.em());
}

/** Outbox rows not published yet (of every topic). */
export async function unpublishedCount(database: Database): Promise<number> {
  return (await readOutboxBacklog(database.em(), topicNames)).count;
}

export interface WindowOutcome {
  /** created_at -> decided_at of each decided application, in milliseconds. */
  readonly latenciesMs: number[];
  readonly undecided: number;
  readonly lastDecidedAt: Date | undefined;
  readonly lastCreatedAt: Date | undefined;
}

/** The applications created within [from, to]: how long each took, from the database's timestamps. */
export async function applicationsCreatedBetween(
  database: Database,
  from: Date,
  to: Date,
): Promise<WindowOutcome> {
  const rows = await decisionTimesBetween(database.em(), from, to);
  const latenciesMs: number[] = [];
  let lastDecidedAt: Date | undefined;
  let lastCreatedAt: Date | undefined;
  for (const row of rows) {
    if (!lastCreatedAt || row.createdAt > lastCreatedAt) lastCreatedAt = row.createdAt;
    if (row.ms === null || row.decidedAt === null) continue;
    latenciesMs.push(row.ms);
    if (!lastDecidedAt || row.decidedAt > lastDecidedAt) lastDecidedAt = row.decidedAt;
  }
  return { latenciesMs, undecided: rows.length - latenciesMs.length, lastDecidedAt, lastCreatedAt };
}

/** The applications created within [from, to]: their id, and when each was created and decided (ms). */
export async function applicationTimesBetween(
  database: Database,
  from: Date,
  to: Date,
): Promise<{ id: string; createdAt: number; decidedAt: number | undefined }[]> {
  const rows = await database
    .em()
    .execute<{ id: string; created_at: Date | string; decided_at: Date | string | null }[]>(
      'select id, created_at, decided_at from applications where created_at between ? and ?',
      [from, to],
    );
  return rows.map((row) => ({
    id: row.id,
    createdAt: new Date(row.created_at).getTime(),
    decidedAt: row.decided_at === null ? undefined : new Date(row.decided_at).getTime(),
  }));
}

/** When the first and the last outbox row was published, or application decided. */
export function timestampSpan(
  database: Database,
  what: 'published' | 'decided',
): Promise<{ first: Date | undefined; last: Date | undefined; rows: number }> {
  return what === 'published' ? publishedSpan(database.em()) : decidedSpan(database.em());
}

/**
 * Stores PENDING applications and their LoanApplicationSubmitted events in the outbox, as
 * prequal-api's transaction does, but thousands per statement (for the drain scenario).
 */
export function insertSubmitted(
  database: Database,
  events: readonly LoanApplicationSubmitted[],
): Promise<void> {
  return insertApplicationsWithEvents(
    database.em(),
    events.map(pendingApplicationOf),
    events.map((event) =>
      outboxRowOf(outgoingEvent('loan_applications_submitted', event), event.occurredAt, CIPHER),
    ),
  );
}
