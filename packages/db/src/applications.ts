import type { EntityManager } from '@mikro-orm/postgresql';
import { Application, type ApplicationRow } from './application.entity.ts';
import type { ApplicationStatus, FinalStatus } from './application-status.ts';
import {
  insertOutboxRows,
  outboxColumns,
  outboxRowTuple,
  outboxRowValues,
  type NewOutboxRow,
} from './outbox-table.ts';
import { placeholders, timestampSpan, type TimestampSpan } from './sql.ts';
import { queryRows, runStatement, statementChunks } from './statement.ts';

/** A new application as prequal-api stores it (status PENDING), its personal data sealed. */
export interface NewApplication {
  readonly id: string;
  readonly panSealed: string;
  readonly panBlindIndex: string;
  readonly panMasked: string;
  readonly applicantNameSealed: string | null;
  readonly monthlyIncomeInr: string;
  readonly loanAmountInr: string;
  readonly loanType: string | null;
  readonly correlationId: string;
  /** The API client that submits it: the only one that may read it. */
  readonly clientId: string;
  readonly idempotencyKey: string | null;
  readonly requestFingerprint: string | null;
  readonly createdAt: Date;
}

/**
 * The columns a submission writes, and the only ones prequal-api's role may insert (privileges.ts):
 * the status takes its default, PENDING, and no decision can be written with a new row.
 */
export const APPLICATION_COLUMNS = [
  'id',
  'pan_sealed',
  'pan_blind_index',
  'pan_masked',
  'applicant_name_sealed',
  'monthly_income_inr',
  'loan_amount_inr',
  'loan_type',
  'correlation_id',
  'client_id',
  'idempotency_key',
  'request_fingerprint',
  'created_at',
  'updated_at',
] as const;

function applicationValues(application: NewApplication): unknown[] {
  return [
    application.id,
    application.panSealed,
    application.panBlindIndex,
    application.panMasked,
    application.applicantNameSealed,
    application.monthlyIncomeInr,
    application.loanAmountInr,
    application.loanType,
    application.correlationId,
    application.clientId,
    application.idempotencyKey,
    application.requestFingerprint,
    application.createdAt,
    application.createdAt,
  ];
}

/*
 * The application row and its outbox row in one statement, so in one transaction and one round
 * trip. A reused Idempotency-Key inserts neither and returns no row.
 */
const INSERT_APPLICATION_AND_EVENT = `
  with application as (
    insert into applications (${APPLICATION_COLUMNS.join(', ')})
    values (${placeholders(APPLICATION_COLUMNS.length)})
    on conflict (client_id, idempotency_key) do nothing
    returning id)
  insert into outbox (${outboxColumns.join(', ')})
  select ${outboxRowTuple.slice(1, -1)}
  from application
  returning message_key`;

/**
 * Stores a PENDING application and the event announcing it, atomically; false (and nothing
 * stored) when its idempotency key was used before.
 */
export async function insertApplicationWithEvent(
  em: EntityManager,
  application: NewApplication,
  event: NewOutboxRow,
): Promise<boolean> {
  const inserted = await queryRows(em, INSERT_APPLICATION_AND_EVENT, [
    ...applicationValues(application),
    ...outboxRowValues(event),
  ]);
  return inserted.length === 1;
}

/** Stores PENDING applications, many per statement (tests, benchmarks). */
export async function insertApplications(
  em: EntityManager,
  applications: readonly NewApplication[],
): Promise<void> {
  for (const chunk of statementChunks(applications, APPLICATION_COLUMNS.length)) {
    await runStatement(
      em,
      `insert into applications (${APPLICATION_COLUMNS.join(', ')})
       values ${placeholders(chunk.length, `(${placeholders(APPLICATION_COLUMNS.length)})`)}`,
      chunk.flatMap(applicationValues),
    );
  }
}

/** Stores PENDING applications and the events announcing them, in one transaction (benchmarks). */
export function insertApplicationsWithEvents(
  em: EntityManager,
  applications: readonly NewApplication[],
  events: readonly NewOutboxRow[],
): Promise<void> {
  return em.transactional(async (tx) => {
    await insertApplications(tx, applications);
    await insertOutboxRows(tx, events);
  });
}

/**
 * The application a client's idempotency key created, with what tells a retry from a different
 * request. Another client's keys are not seen.
 */
export function findByIdempotencyKey(
  em: EntityManager,
  clientId: string,
  idempotencyKey: string,
): Promise<Pick<ApplicationRow, 'id' | 'status' | 'requestFingerprint'> | null> {
  return em.findOne(
    Application,
    { clientId, idempotencyKey },
    { fields: ['id', 'status', 'requestFingerprint'] },
  );
}

/** A client's stored application, or null (unknown, or another client's: the same answer). */
export function findApplication(
  em: EntityManager,
  clientId: string,
  id: string,
): Promise<ApplicationRow | null> {
  return em.findOne(Application, { id, clientId });
}

/** Stored applications by id, with their status and score (tests, benchmarks). */
export async function findApplications(em: EntityManager, ids: readonly string[]): Promise<ApplicationRow[]> {
  return ids.length === 0 ? [] : em.find(Application, { id: { $in: [...ids] } });
}

/** A decision to record on a PENDING application. */
export interface DecisionRecord {
  readonly applicationId: string;
  readonly status: FinalStatus;
  readonly cibilScore: number;
  readonly reason: string;
}

/**
 * Sets status, score and reason of the applications that are still PENDING, in one statement. A
 * decision already made is never changed. Returns the ids decided now, and the ids that name no
 * application at all.
 */
export async function recordDecisions(
  tx: EntityManager,
  decisions: readonly DecisionRecord[],
  decidedAt: Date,
): Promise<{ decided: Set<string>; unknown: string[] }> {
  if (decisions.length === 0) return { decided: new Set(), unknown: [] };
  const chunks = statementChunks(decisions, 4, 2);
  if (chunks.length > 1) {
    const results = [];
    for (const chunk of chunks) results.push(await recordDecisions(tx, chunk, decidedAt));
    return {
      decided: new Set(results.flatMap((result) => [...result.decided])),
      unknown: results.flatMap((result) => result.unknown),
    };
  }
  const updated = await queryRows<{ id: string }>(
    tx,
    `update applications a
     set status = d.status, cibil_score = d.score, decision_reason = d.reason, decided_at = ?, updated_at = ?
     from (values ${placeholders(decisions.length, '(?::uuid, ?::varchar, ?::int, ?::varchar)')}) as d(id, status, score, reason)
     where a.id = d.id and a.status = 'PENDING'
     returning a.id`,
    [
      decidedAt,
      decidedAt,
      ...decisions.flatMap(({ applicationId, status, cibilScore, reason }) => [
        applicationId,
        status,
        cibilScore,
        reason,
      ]),
    ],
  );
  const decided = new Set(updated.map((row) => row.id));
  if (decided.size === decisions.length) return { decided, unknown: [] };
  const ids = decisions.map(({ applicationId }) => applicationId);
  const existing = await queryRows<{ id: string }>(
    tx,
    `select id from applications where id in (${placeholders(ids.length, '?::uuid')})`,
    ids,
  );
  const known = new Set(existing.map((row) => row.id));
  return { decided, unknown: ids.filter((id) => !known.has(id)) };
}

/** Applications not decided yet. */
export async function countPendingApplications(em: EntityManager): Promise<number> {
  return em.count(Application, { status: 'PENDING' satisfies ApplicationStatus });
}

/** When the first and the last application was decided, and how many are (benchmarks). */
export function decidedSpan(em: EntityManager): Promise<TimestampSpan> {
  return timestampSpan(em, 'applications', 'decided_at');
}

/** Creation and decision times of the applications created within [from, to] (benchmarks). */
export async function decisionTimesBetween(
  em: EntityManager,
  from: Date,
  to: Date,
): Promise<{ createdAt: Date; decidedAt: Date | null; ms: number | null }[]> {
  const rows = await queryRows<{
    created_at: Date | string;
    decided_at: Date | string | null;
    ms: number | null;
  }>(
    em,
    `select created_at, decided_at, extract(epoch from decided_at - created_at)::float8 * 1000 as ms
     from applications where created_at between ? and ?`,
    [from, to],
  );
  // Raw rows: the driver gives timestamps as text.
  return rows.map((row) => ({
    createdAt: new Date(row.created_at),
    decidedAt: row.decided_at === null ? null : new Date(row.decided_at),
    ms: row.ms,
  }));
}
