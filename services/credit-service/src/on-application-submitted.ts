import { deriveEventId, type LoanApplicationSubmitted } from '@prequal/events';
import type { EventPublisher, HandlerContext } from '@prequal/messaging';
import { computeCibilScore, jitterFor } from './domain/credit-score.ts';

/**
 * Scores a submitted application and publishes its credit report. Deterministic: the same
 * submitted event always gives the same report, with the same event id, so a redelivery only
 * re-emits a report that downstream recognises.
 */
export function onApplicationSubmitted(publisher: EventPublisher) {
  return async (submitted: LoanApplicationSubmitted, { logger }: HandlerContext<unknown>): Promise<void> => {
    const cibilScore = computeCibilScore(submitted, jitterFor(submitted.applicationId));
    const eventId = deriveEventId('CreditReportGenerated', submitted.eventId);
    await publisher.publish([
      {
        topic: 'credit_reports_generated',
        key: submitted.applicationId,
        eventId,
        correlationId: submitted.correlationId,
        event: {
          eventId,
          occurredAt: submitted.occurredAt,
          correlationId: submitted.correlationId,
          applicationId: submitted.applicationId,
          causationEventId: submitted.eventId,
          cibilScore,
          monthlyIncomeInr: submitted.monthlyIncomeInr,
          loanAmountInr: submitted.loanAmountInr,
          loanType: submitted.loanType,
        },
      },
    ]);
    logger.info(
      { applicationId: submitted.applicationId, cibilScore, reportEventId: eventId },
      'credit report published',
    );
  };
}
