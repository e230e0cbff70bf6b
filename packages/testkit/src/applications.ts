import { Application, type Orm } from '@prequal/db';
import type { LoanApplicationSubmitted } from '@prequal/events';

/** Stores a PENDING application as prequal-api would, from its submitted event. */
export async function insertPendingApplication(orm: Orm, event: LoanApplicationSubmitted): Promise<void> {
  const em = orm.em.fork();
  em.create(Application, {
    id: event.applicationId,
    panNumber: event.panNumber,
    applicantName: event.applicantName,
    monthlyIncomeInr: event.monthlyIncomeInr,
    loanAmountInr: event.loanAmountInr,
    loanType: event.loanType,
    status: 'PENDING',
    correlationId: event.correlationId,
    createdAt: event.occurredAt,
    updatedAt: event.occurredAt,
  });
  await em.flush();
}

/** The stored status and score of applications, by id. */
export async function readDecisions(
  orm: Orm,
  ids: readonly string[],
): Promise<Map<string, { status: string; cibilScore: number | null }>> {
  const rows = await orm.em.fork().find(Application, { id: { $in: [...ids] } });
  return new Map(rows.map((row) => [row.id, { status: row.status, cibilScore: row.cibilScore ?? null }]));
}
