import { randomUUID } from 'node:crypto';
import type { CreditReportGenerated, LoanApplicationSubmitted, LoanDecisionMade } from '@prequal/events';

/** The spec's test PANs. */
export const TEST_PAN_790 = 'ABCDE1234F';
export const TEST_PAN_610 = 'FGHIJ5678K';

/** The API client the fixtures' applications belong to. */
export const TEST_CLIENT_ID = 'test-client';

export function aSubmittedEvent(overrides: Partial<LoanApplicationSubmitted> = {}): LoanApplicationSubmitted {
  return {
    eventId: randomUUID(),
    occurredAt: new Date('2026-11-25T10:00:00.000Z'),
    correlationId: randomUUID(),
    applicationId: randomUUID(),
    panNumber: TEST_PAN_790,
    applicantName: 'Asha Verma',
    monthlyIncomeInr: '100000.00',
    loanAmountInr: '200000.00',
    loanType: 'PERSONAL',
    clientId: TEST_CLIENT_ID,
    ...overrides,
  };
}

export function aCreditReport(overrides: Partial<CreditReportGenerated> = {}): CreditReportGenerated {
  return {
    eventId: randomUUID(),
    occurredAt: new Date('2026-11-25T10:00:00.000Z'),
    correlationId: randomUUID(),
    applicationId: randomUUID(),
    causationEventId: randomUUID(),
    cibilScore: 790,
    monthlyIncomeInr: '100000.00',
    loanAmountInr: '200000.00',
    loanType: 'PERSONAL',
    clientId: TEST_CLIENT_ID,
    ...overrides,
  };
}

export function aDecision(overrides: Partial<LoanDecisionMade> = {}): LoanDecisionMade {
  return {
    eventId: randomUUID(),
    occurredAt: new Date('2026-11-25T10:00:01.000Z'),
    correlationId: randomUUID(),
    applicationId: randomUUID(),
    causationEventId: randomUUID(),
    decision: 'PRE_APPROVED',
    cibilScore: 790,
    reason: 'CIBIL score 790 and income above the instalment of a 48-month loan',
    clientId: TEST_CLIENT_ID,
    ...overrides,
  };
}
