import type { EntityManager } from '@mikro-orm/postgresql';
import { deriveEventId, type CreditReportGenerated, type LoanDecisionMade } from '@prequal/events';
import {
  enqueueEvent,
  recordProcessedEvents,
  type HandlerContext,
  type IncomingEvent,
} from '@prequal/messaging';
import { decide, type DecisionOutcome } from './domain/decide.ts';
import { decidePending, type ReportDecision } from './record-decisions.ts';

export interface DecisionHandlerDeps {
  readonly consumerGroup: string;
  readonly clock: () => Date;
  /** Called after decisions committed, so the relay publishes them without waiting to poll. */
  readonly onDecided?: () => void;
}

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
  };
}

/** The first report of each application in the batch; later ones cannot change its decision. */
function firstPerApplication(decisions: readonly ReportDecision[]): ReportDecision[] {
  const seen = new Set<string>();
  return decisions.filter(({ report }) => !seen.has(report.applicationId) && seen.add(report.applicationId));
}

/**
 * Applies credit reports: in one transaction per batch, records each report's event id as
 * processed, decides the still-PENDING applications, and writes a LoanDecisionMade for each to the
 * outbox. A redelivered or duplicated report changes nothing; a decision made is never changed.
 */
export function onCreditReportsGenerated({ consumerGroup, clock, onDecided }: DecisionHandlerDeps) {
  return async (
    items: readonly IncomingEvent<'credit_reports_generated'>[],
    { context: em }: HandlerContext<EntityManager>,
  ): Promise<void> => {
    const decisions = items.map(({ event: report }) => ({ report, ...decide(report) }));
    const now = clock();
    const applied = await em.transactional(async (tx) => {
      const fresh = await recordProcessedEvents(
        tx,
        consumerGroup,
        decisions.map(({ report }) => report.eventId),
      );
      // delete: a report twice in one batch is applied once.
      const firstTime = decisions.filter(({ report }) => fresh.delete(report.eventId));
      const decided = await decidePending(tx, firstPerApplication(firstTime), now);
      for (const { report, ...outcome } of decided) {
        const event = decisionMadeFor(report, outcome, now);
        enqueueEvent(tx, {
          topic: 'loan_decisions_made',
          key: event.applicationId,
          eventId: event.eventId,
          correlationId: event.correlationId,
          event,
        });
      }
      return new Set(decided.map(({ report }) => report.eventId));
    });
    if (applied.size > 0) onDecided?.();
    for (const { event: report, logger } of items) {
      const outcome = applied.has(report.eventId) ? 'decided' : 'unchanged (duplicate or already decided)';
      logger.info(
        { applicationId: report.applicationId, cibilScore: report.cibilScore, outcome },
        'credit report applied',
      );
    }
  };
}
