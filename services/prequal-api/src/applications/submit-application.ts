import { createHash } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Application } from '@prequal/db';
import type { LoanApplicationSubmitted } from '@prequal/events';
import { OUTBOX_COLUMNS, outboxValues } from '@prequal/messaging';
import type { ApplicationInput } from './application-request.ts';
import { IdempotencyConflictError } from './errors.ts';

export interface SubmitDeps {
  /** A fresh EntityManager for this request. */
  readonly em: () => EntityManager;
  readonly clock: () => Date;
  readonly newId: () => string;
}

export interface SubmitOptions {
  readonly correlationId: string;
  readonly idempotencyKey?: string | undefined;
}

export interface SubmittedApplication {
  readonly applicationId: string;
  readonly status: string;
  /** True when an earlier request with the same Idempotency-Key created it. */
  readonly replayed: boolean;
}

/** SHA-256 of the validated application, to tell a retried request from a different one. */
export function fingerprintOf(input: ApplicationInput): string {
  return createHash('sha256').update(JSON.stringify(input)).digest('hex');
}

const APPLICATION_COLUMNS = [
  'id',
  'pan_number',
  'applicant_name',
  'monthly_income_inr',
  'loan_amount_inr',
  'loan_type',
  'status',
  'correlation_id',
  'idempotency_key',
  'request_fingerprint',
  'created_at',
  'updated_at',
];

/*
 * The application row and its outbox row in one statement, so in one transaction and one round
 * trip. A reused Idempotency-Key inserts neither and returns no row.
 */
const INSERT_APPLICATION_AND_EVENT = `
  with application as (
    insert into applications (${APPLICATION_COLUMNS.join(', ')})
    values (${APPLICATION_COLUMNS.map(() => '?').join(', ')})
    on conflict (idempotency_key) do nothing
    returning id)
  insert into outbox (${OUTBOX_COLUMNS.join(', ')}, created_at)
  select ${OUTBOX_COLUMNS.map((column) => (column === 'payload' ? '?::jsonb' : '?')).join(', ')}, ?
  from application
  returning message_key`;

/**
 * Stores the application as PENDING and its LoanApplicationSubmitted event in the outbox,
 * atomically: either both are committed or neither. Never waits on Kafka or the registry.
 */
export async function submitApplication(
  deps: SubmitDeps,
  input: ApplicationInput,
  { correlationId, idempotencyKey }: SubmitOptions,
): Promise<SubmittedApplication> {
  const fingerprint = idempotencyKey === undefined ? null : fingerprintOf(input);
  const applicationId = deps.newId();
  const now = deps.clock();
  const event: LoanApplicationSubmitted = {
    eventId: deps.newId(),
    occurredAt: now,
    correlationId,
    applicationId,
    ...input,
  };
  const em = deps.em();
  const inserted = await em.execute<{ message_key: string }[]>(INSERT_APPLICATION_AND_EVENT, [
    applicationId,
    input.panNumber,
    input.applicantName,
    input.monthlyIncomeInr,
    input.loanAmountInr,
    input.loanType,
    'PENDING',
    correlationId,
    idempotencyKey ?? null,
    fingerprint,
    now,
    now,
    ...outboxValues({
      topic: 'loan_applications_submitted',
      key: applicationId,
      eventId: event.eventId,
      correlationId,
      event,
    }),
    now,
  ]);
  if (inserted.length === 1) return { applicationId, status: 'PENDING', replayed: false };
  // Only a reused Idempotency-Key inserts nothing: answer like the first request, or refuse.
  const earlier = idempotencyKey === undefined ? undefined : await findByKey(em, idempotencyKey, fingerprint);
  if (!earlier) throw new Error('the application was neither stored nor found by its Idempotency-Key');
  return earlier;
}

async function findByKey(
  em: EntityManager,
  idempotencyKey: string,
  fingerprint: string | null,
): Promise<SubmittedApplication | undefined> {
  const earlier = await em.findOne(
    Application,
    { idempotencyKey },
    { fields: ['id', 'status', 'requestFingerprint'] },
  );
  if (!earlier) return undefined;
  if (earlier.requestFingerprint !== fingerprint) {
    throw new IdempotencyConflictError(
      'this Idempotency-Key was already used with a different application; use a new key for a new application',
    );
  }
  return { applicationId: earlier.id, status: earlier.status, replayed: true };
}
