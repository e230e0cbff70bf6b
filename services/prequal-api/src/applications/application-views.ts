import type { ApplicationRow } from '@prequal/db';

export interface StatusView {
  application_id: string;
  status: string;
}

export interface ApplicationView extends StatusView {
  pan_number: string | null;
  applicant_name: string | null;
  monthly_income_inr: string;
  loan_amount_inr: string;
  loan_type: string | null;
  cibil_score: number | null;
  decision_reason: string | null;
  created_at: string;
  updated_at: string;
  decided_at: string | null;
  personal_data_erased_at: string | null;
}

export function statusView(application: Pick<ApplicationRow, 'id' | 'status'>): StatusView {
  return { application_id: application.id, status: application.status };
}

/**
 * The stored application as clients see it: PAN masked, the name opened (both null once erased),
 * money as exact decimal strings.
 */
export function applicationView(application: ApplicationRow, applicantName: string | null): ApplicationView {
  return {
    ...statusView(application),
    pan_number: application.panMasked ?? null,
    applicant_name: applicantName,
    monthly_income_inr: application.monthlyIncomeInr,
    loan_amount_inr: application.loanAmountInr,
    loan_type: application.loanType ?? null,
    cibil_score: application.cibilScore ?? null,
    decision_reason: application.decisionReason ?? null,
    created_at: application.createdAt.toISOString(),
    updated_at: application.updatedAt.toISOString(),
    decided_at: application.decidedAt?.toISOString() ?? null,
    personal_data_erased_at: application.piiErasedAt?.toISOString() ?? null,
  };
}
