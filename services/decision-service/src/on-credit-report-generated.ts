import type { EntityManager } from '@mikro-orm/postgresql';
import { recordDecisions } from '@prequal/db';
import { deriveEventId, type CreditReportGenerated, type LoanDecisionMade } from '@prequal/events';
import { outgoingEvent, type OutgoingEvent } from '@prequal/messaging';
import { appError } from '@prequal/service-kit';
import { decide, type DecisionOutcome } from './domain/decide.ts';

/** A credit report names an application we do not have: invalid content, dead-lettered. */
export class UnknownApplicationError extends appError('UnknownApplicationError', 'UNKNOWN_APPLICATION') {}

/** The decision event of a report: the same report always gives the same event id. */
export function decisionMadeFor(
  report: CreditReportGenerated,
  { decision, reason }: DecisionOutcome,
  occurredAt: Date,
): LoanDecisionMade {
  return {
    eventId: deriveEventId('LoanDecisionMade', report.eventId),
    occurredAt,
    correlationId: report.correlationId,
    applicationId: report.applicationId,
    causationEventId: report.eventId,
    decision,
    cibilScore: report.cibilScore,
    reason,
    clientId: report.clientId,
  };
}

/** The first report of each application; later ones cannot change its decision. */
function firstPerApplication(reports: readonly CreditReportGenerated[]): CreditReportGenerated[] {
  const seen = new Set<string>();
  return reports.filter(({ applicationId }) => !seen.has(applicationId) && seen.add(applicationId));
}

/**
 * Decides the applications of credit reports: records each decision on its still-PENDING
 * application and emits a LoanDecisionMade for it. A decision made is never changed, so a report
 * for an application already decided emits nothing.
 */
export function decideApplications({ clock }: { clock: () => Date }) {
  return async (
    reports: readonly CreditReportGenerated[],
    tx: EntityManager,
  ): Promise<OutgoingEvent<'loan_decisions_made'>[]> => {
    const now = clock();
    const decisions = firstPerApplication(reports).map((report) => ({ report, ...decide(report) }));
    const { decided, unknown } = await recordDecisions(
      tx,
      decisions.map(({ report, decision, reason }) => ({
        applicationId: report.applicationId,
        status: decision,
        cibilScore: report.cibilScore,
        reason,
      })),
      now,
    );
    if (unknown.length > 0) throw new UnknownApplicationError(`no application ${unknown.join(', ')}`);
    return decisions
      .filter(({ report }) => decided.has(report.applicationId))
      .map(({ report, ...outcome }) =>
        outgoingEvent('loan_decisions_made', decisionMadeFor(report, outcome, now)),
      );
  };
}
