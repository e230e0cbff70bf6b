import type { EntityManager } from '@mikro-orm/postgresql';
import { placeholders } from '@prequal/db';
import type { CreditReportGenerated } from '@prequal/events';
import { AppError } from '@prequal/service-kit';
import type { DecisionOutcome } from './domain/decide.ts';

/** A credit report names an application we do not have: invalid content, dead-lettered. */
export class UnknownApplicationError extends AppError {
  override readonly name = 'UnknownApplicationError';
  readonly code = 'UNKNOWN_APPLICATION';
}

export interface ReportDecision extends DecisionOutcome {
  readonly report: CreditReportGenerated;
}

/**
 * Sets status, score and reason of the applications that are still PENDING, in one statement;
 * returns the decisions applied. A decision already made is never changed. A report naming an
 * application that does not exist throws UnknownApplicationError.
 */
export async function decidePending(
  tx: EntityManager,
  decisions: readonly ReportDecision[],
  now: Date,
): Promise<ReportDecision[]> {
  if (decisions.length === 0) return [];
  const ids = decisions.map(({ report }) => report.applicationId);
  const updated = await tx.execute<{ id: string }[]>(
    `update applications a
     set status = d.status, cibil_score = d.score, decision_reason = d.reason, decided_at = ?, updated_at = ?
     from (values ${placeholders(decisions.length, '(?::uuid, ?::varchar, ?::int, ?::varchar)')}) as d(id, status, score, reason)
     where a.id = d.id and a.status = 'PENDING'
     returning a.id`,
    [
      now,
      now,
      ...decisions.flatMap(({ report, decision, reason }) => [
        report.applicationId,
        decision,
        report.cibilScore,
        reason,
      ]),
    ],
  );
  if (updated.length < decisions.length) {
    const existing = await tx.execute<{ id: string }[]>(
      `select id from applications where id in (${placeholders(ids.length, '?::uuid')})`,
      ids,
    );
    const known = new Set(existing.map((row) => row.id));
    const unknown = ids.find((id) => !known.has(id));
    if (unknown) throw new UnknownApplicationError(`no application ${unknown}`);
  }
  const applied = new Set(updated.map((row) => row.id));
  return decisions.filter(({ report }) => applied.has(report.applicationId));
}
