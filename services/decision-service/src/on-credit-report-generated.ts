import type { EntityManager } from '@mikro-orm/postgresql';
import { Application } from '@prequal/db';
import { deriveEventId, type CreditReportGenerated } from '@prequal/events';
import { enqueueEvent, type HandlerContext } from '@prequal/messaging';
import { AppError } from '@prequal/service-kit';
import { decide } from './domain/decide.ts';

/** A credit report names an application we do not have: invalid content, dead-lettered. */
export class UnknownApplicationError extends AppError {
  override readonly name = 'UnknownApplicationError';
  readonly code = 'UNKNOWN_APPLICATION';
}

export type ReportOutcome = 'decided' | 'duplicate' | 'already-decided';

export interface DecisionHandlerDeps {
  readonly consumerGroup: string;
  readonly clock: () => Date;
  /** Called after a decision committed, so the relay publishes it without waiting to poll. */
  readonly onDecided?: () => void;
}

/**
 * Applies a credit report: in one transaction, records the report's event id as processed,
 * decides a still-PENDING application, and writes LoanDecisionMade to the outbox. A redelivered or
 * duplicated report changes nothing, and a decision already made is never changed.
 */
export function onCreditReportGenerated({ consumerGroup, clock, onDecided }: DecisionHandlerDeps) {
  return async (
    report: CreditReportGenerated,
    { context: em, logger }: HandlerContext<EntityManager>,
  ): Promise<void> => {
    const { decision, reason } = decide(report);
    const now = clock();
    const outcome = await em.transactional(async (tx): Promise<ReportOutcome> => {
      const { affectedRows } = await tx.execute<{ affectedRows: number }>(
        'insert into processed_events (consumer_group, event_id) values (?, ?) on conflict do nothing',
        [consumerGroup, report.eventId],
        'run',
      );
      if (affectedRows === 0) return 'duplicate';
      const updated = await tx.nativeUpdate(
        Application,
        { id: report.applicationId, status: 'PENDING' },
        {
          status: decision,
          cibilScore: report.cibilScore,
          decisionReason: reason,
          decidedAt: now,
          updatedAt: now,
        },
      );
      if (updated === 0) {
        if ((await tx.count(Application, { id: report.applicationId })) === 0) {
          throw new UnknownApplicationError(`no application ${report.applicationId}`);
        }
        return 'already-decided';
      }
      const eventId = deriveEventId('LoanDecisionMade', report.eventId);
      enqueueEvent(tx, {
        topic: 'loan_decisions_made',
        key: report.applicationId,
        eventId,
        correlationId: report.correlationId,
        event: {
          eventId,
          occurredAt: now,
          correlationId: report.correlationId,
          applicationId: report.applicationId,
          causationEventId: report.eventId,
          decision,
          cibilScore: report.cibilScore,
          reason,
        },
      });
      return 'decided';
    });
    if (outcome === 'decided') onDecided?.();
    logger.info(
      { applicationId: report.applicationId, decision, cibilScore: report.cibilScore, outcome },
      'credit report applied',
    );
  };
}
