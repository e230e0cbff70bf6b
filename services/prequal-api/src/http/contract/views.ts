import type { FromSchema } from 'json-schema-to-ts';
import { APPLICATION_STATUSES, type ApplicationRow } from '@prequal/db';
import { CIBIL_SCORE_MAX, CIBIL_SCORE_MIN } from '@prequal/events';
import { INR_PRECISION, INR_SCALE } from '@prequal/money';
import { LOAN_TYPES } from '../../applications/application-input.ts';

/*
 * What clients read, as JSON Schema: the document shows these schemas, the view functions are
 * typed from them (json-schema-to-ts), and the tests validate every answer against them.
 */

const applicationId = {
  type: 'string',
  format: 'uuid',
  description: 'The id POST /applications gave the application',
} as const;

const status = {
  type: 'string',
  enum: APPLICATION_STATUSES,
  description: 'PENDING until the decision; then PRE_APPROVED, REJECTED or MANUAL_REVIEW, which never change',
} as const;

/** Money in an answer: always a decimal string with exactly INR_SCALE decimals (NUMERIC(12,2)). */
const rupees = {
  type: 'string',
  pattern: `^\\d{1,${INR_PRECISION - INR_SCALE}}\\.\\d{${INR_SCALE}}$`,
  description: `Rupees as an exact decimal string with ${INR_SCALE} decimals, never a float`,
} as const;

const timestamp = { type: 'string', format: 'date-time' } as const;

export const statusViewSchema = {
  type: 'object',
  required: ['application_id', 'status'],
  additionalProperties: false,
  properties: { application_id: applicationId, status },
} as const;

export const applicationViewSchema = {
  type: 'object',
  required: [
    'application_id',
    'status',
    'pan_number',
    'applicant_name',
    'monthly_income_inr',
    'loan_amount_inr',
    'loan_type',
    'cibil_score',
    'decision_reason',
    'created_at',
    'updated_at',
    'decided_at',
    'personal_data_erased_at',
  ],
  additionalProperties: false,
  properties: {
    application_id: applicationId,
    status,
    pan_number: {
      type: ['string', 'null'],
      pattern: '^\\*{6}[0-9]{3}[A-Z]$',
      description: 'Masked: only the last 4 characters shown; null once personal data is erased',
    },
    applicant_name: {
      type: ['string', 'null'],
      description: 'null when not given, or once personal data is erased',
    },
    monthly_income_inr: rupees,
    loan_amount_inr: rupees,
    loan_type: { type: ['string', 'null'], enum: [...LOAN_TYPES, null] },
    cibil_score: {
      type: ['integer', 'null'],
      minimum: CIBIL_SCORE_MIN,
      maximum: CIBIL_SCORE_MAX,
      description: 'The simulated CIBIL score, once the credit report is in',
    },
    decision_reason: { type: ['string', 'null'], description: 'Why the decision was made, once it is' },
    created_at: timestamp,
    updated_at: timestamp,
    decided_at: { ...timestamp, type: ['string', 'null'] },
    personal_data_erased_at: {
      ...timestamp,
      type: ['string', 'null'],
      description:
        "When the PAN and name were erased: at the client's request (DELETE …/personal-data), or PII_RETENTION_DAYS after the decision",
    },
  },
} as const;

export type StatusView = FromSchema<typeof statusViewSchema>;
export type ApplicationView = FromSchema<typeof applicationViewSchema>;

export function statusView(application: Pick<ApplicationRow, 'id' | 'status'>): StatusView {
  return { application_id: application.id, status: application.status as StatusView['status'] };
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
    loan_type: (application.loanType ?? null) as ApplicationView['loan_type'],
    cibil_score: application.cibilScore ?? null,
    decision_reason: application.decisionReason ?? null,
    created_at: application.createdAt.toISOString(),
    updated_at: application.updatedAt.toISOString(),
    decided_at: application.decidedAt?.toISOString() ?? null,
    personal_data_erased_at: application.piiErasedAt?.toISOString() ?? null,
  };
}
