import { deriveEventId, type CreditReportGenerated, type LoanApplicationSubmitted } from '@prequal/events';
import { outgoingEvent, type OutgoingEvent } from '@prequal/messaging';
import { computeCibilScore, jitterFor } from './domain/credit-score.ts';

/** The credit report of a submitted application: the same submitted event always gives the same report. */
export function creditReportFor(submitted: LoanApplicationSubmitted): CreditReportGenerated {
  return {
    eventId: deriveEventId('CreditReportGenerated', submitted.eventId),
    occurredAt: submitted.occurredAt,
    correlationId: submitted.correlationId,
    applicationId: submitted.applicationId,
    causationEventId: submitted.eventId,
    cibilScore: computeCibilScore(submitted, jitterFor(submitted.applicationId)),
    monthlyIncomeInr: submitted.monthlyIncomeInr,
    loanAmountInr: submitted.loanAmountInr,
    loanType: submitted.loanType,
    clientId: submitted.clientId,
  };
}

/**
 * Scores submitted applications: one credit report each. A redelivery gives identical reports
 * (same event ids), which downstream recognises.
 */
export function scoreApplications(
  submitted: readonly LoanApplicationSubmitted[],
): OutgoingEvent<'credit_reports_generated'>[] {
  return submitted.map((application) =>
    outgoingEvent('credit_reports_generated', creditReportFor(application)),
  );
}
