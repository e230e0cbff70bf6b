import test from 'ava';
import type { CreditReportGenerated } from '@prequal/events';
import { decide } from '../src/domain/decide.ts';
import { decisionMadeFor } from '../src/on-credit-report-generated.ts';

const report: CreditReportGenerated = {
  eventId: '0b6f3a56-6a43-5a59-9d6c-2f1f4b7b8a01',
  occurredAt: new Date('2026-11-25T10:00:00.000Z'),
  correlationId: 'c0ffee00-0000-4000-8000-000000000001',
  applicationId: '7d5e9a3c-1b2f-4c6d-8e9f-0a1b2c3d4e5f',
  causationEventId: '5a3e1f2b-0000-4000-8000-000000000002',
  cibilScore: 790,
  monthlyIncomeInr: '100000.00',
  loanAmountInr: '200000.00',
  loanType: 'PERSONAL',
  clientId: 'partner-1',
};
const decidedAt = new Date('2026-11-25T10:00:01.000Z');

test('the decision event answers its report: same application and correlation, caused by the report', (t) => {
  const event = decisionMadeFor(report, decide(report), decidedAt);
  t.like(event, {
    applicationId: report.applicationId,
    correlationId: report.correlationId,
    causationEventId: report.eventId,
    cibilScore: 790,
    decision: 'PRE_APPROVED',
    occurredAt: decidedAt,
  });
  t.regex(event.reason, /CIBIL score 790/);
});

test('the same report always gives the same event id, and another report another one', (t) => {
  const first = decisionMadeFor(report, decide(report), decidedAt);
  const again = decisionMadeFor(report, decide(report), new Date());
  const other = decisionMadeFor(
    { ...report, eventId: '0b6f3a56-6a43-5a59-9d6c-2f1f4b7b8a02' },
    decide(report),
    decidedAt,
  );
  t.is(again.eventId, first.eventId);
  t.not(other.eventId, first.eventId);
  t.not(first.eventId, report.eventId);
});
