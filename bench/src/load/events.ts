import { randomUUID } from 'node:crypto';
import type { CreditReportGenerated, LoanApplicationSubmitted, LoanDecisionMade } from '@prequal/events';
import { applicationBodies, canonicalInr } from './application-bodies.ts';

/** LoanApplicationSubmitted events of varied applications, as prequal-api would write them. */
export function submittedEvents(count: number, seed = 7, at = new Date()): LoanApplicationSubmitted[] {
  const next = applicationBodies(seed);
  return Array.from({ length: count }, () => {
    const body = next();
    return {
      eventId: randomUUID(),
      occurredAt: at,
      correlationId: randomUUID(),
      applicationId: randomUUID(),
      panNumber: body.pan_number,
      applicantName: body.applicant_name ?? null,
      monthlyIncomeInr: canonicalInr(body.monthly_income_inr),
      loanAmountInr: canonicalInr(body.loan_amount_inr),
      loanType: body.loan_type ?? null,
      clientId: 'bench',
    };
  });
}

/** The credit report credit-service would publish for a submitted event (score varied). */
export function creditReportFor(submitted: LoanApplicationSubmitted, index: number): CreditReportGenerated {
  return {
    eventId: randomUUID(),
    occurredAt: submitted.occurredAt,
    correlationId: submitted.correlationId,
    applicationId: submitted.applicationId,
    causationEventId: submitted.eventId,
    cibilScore: 560 + ((index * 37) % 300),
    monthlyIncomeInr: submitted.monthlyIncomeInr,
    loanAmountInr: submitted.loanAmountInr,
    loanType: submitted.loanType,
    clientId: submitted.clientId,
  };
}

/** The decision decision-service would record for a credit report. */
export function decisionFor(report: CreditReportGenerated): LoanDecisionMade {
  const decision = report.cibilScore < 650 ? 'REJECTED' : 'PRE_APPROVED';
  return {
    eventId: randomUUID(),
    occurredAt: new Date(),
    correlationId: report.correlationId,
    applicationId: report.applicationId,
    causationEventId: report.eventId,
    decision,
    cibilScore: report.cibilScore,
    clientId: report.clientId,
    reason:
      decision === 'REJECTED'
        ? `CIBIL score ${report.cibilScore} is below 650`
        : `CIBIL score ${report.cibilScore} and income above the instalment of a 48-month loan`,
  };
}
