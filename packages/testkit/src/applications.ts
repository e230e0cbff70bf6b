import { findApplications, insertApplications, type NewApplication, type Orm } from '@prequal/db';
import type { LoanApplicationSubmitted } from '@prequal/events';
import { sealApplicant } from '@prequal/pii';
import { TEST_CLIENT_ID } from './fixtures.ts';
import { TEST_KEYS } from './personal-data-keys.ts';

/** The row prequal-api stores for a submitted application (without an idempotency key), sealed with the test keys. */
export function pendingApplicationOf(event: LoanApplicationSubmitted): NewApplication {
  return {
    id: event.applicationId,
    ...sealApplicant(event, TEST_KEYS.keyring, TEST_KEYS.blindIndexKey),
    monthlyIncomeInr: event.monthlyIncomeInr,
    loanAmountInr: event.loanAmountInr,
    loanType: event.loanType,
    correlationId: event.correlationId,
    clientId: event.clientId ?? TEST_CLIENT_ID,
    idempotencyKey: null,
    requestFingerprint: null,
    createdAt: event.occurredAt,
  };
}

/** Stores a PENDING application as prequal-api would, from its submitted event. */
export async function insertPendingApplication(orm: Orm, event: LoanApplicationSubmitted): Promise<void> {
  await insertApplications(orm.em.fork(), [pendingApplicationOf(event)]);
}

/** The stored status and score of applications, by id. */
export async function readDecisions(
  orm: Orm,
  ids: readonly string[],
): Promise<Map<string, { status: string; cibilScore: number | null }>> {
  const rows = await findApplications(orm.em.fork(), ids);
  return new Map(rows.map((row) => [row.id, { status: row.status, cibilScore: row.cibilScore ?? null }]));
}
