import type { Middleware } from '@prequal/messaging';
import { Histogram, type Registry } from 'prom-client';

/**
 * `application_time_to_decision_seconds{decision}`: from the application's submission (the
 * report carries its occurredAt) to its decision's commit, what a client waits for. Observed
 * after the batch's transaction committed.
 */
export function observeTimeToDecision(registry: Registry): Middleware<'credit_reports_generated'> {
  const histogram = new Histogram({
    name: 'application_time_to_decision_seconds',
    help: 'Time from the submission of an application to the commit of its decision, by decision',
    labelNames: ['decision'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300],
    registers: [registry],
  });
  return async (delivery, next) => {
    await next();
    const submittedAt = new Map(delivery.events.map(({ event }) => [event.eventId, event.occurredAt]));
    const committedAt = Date.now();
    for (const { topic, event } of delivery.emitted) {
      if (topic !== 'loan_decisions_made' || !('decision' in event)) continue;
      const submitted = submittedAt.get(event.causationEventId);
      if (submitted)
        histogram.observe({ decision: event.decision }, (committedAt - submitted.getTime()) / 1000);
    }
  };
}
