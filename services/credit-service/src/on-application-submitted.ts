import { deriveEventId, type CreditReportGenerated, type LoanApplicationSubmitted } from '@prequal/events';
import type { EventPublisher, IncomingEvent, OutgoingEvent } from '@prequal/messaging';
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
  };
}

/**
 * Scores submitted applications and publishes their credit reports, a batch in one produce
 * request. A redelivery re-emits identical reports (same event ids), which downstream recognises.
 */
export function onApplicationsSubmitted(publisher: EventPublisher) {
  return async (items: readonly IncomingEvent<'loan_applications_submitted'>[]): Promise<void> => {
    const reports = items.map(({ event }) => creditReportFor(event));
    await publisher.publish(
      reports.map((report): OutgoingEvent<'credit_reports_generated'> => ({
        topic: 'credit_reports_generated',
        key: report.applicationId,
        eventId: report.eventId,
        correlationId: report.correlationId,
        event: report,
      })),
    );
    items.forEach(({ logger }, index) => {
      const report = reports[index];
      logger.info(
        {
          applicationId: report?.applicationId,
          cibilScore: report?.cibilScore,
          reportEventId: report?.eventId,
        },
        'credit report published',
      );
    });
  };
}
