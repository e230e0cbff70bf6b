import { REQUESTABLE_LOAN_TYPES } from '@prequal/events';
import type { DecimalString } from '@prequal/money';

/** The loan types a client may ask for. */
export const LOAN_TYPES = REQUESTABLE_LOAN_TYPES;
export type RequestedLoanType = (typeof LOAN_TYPES)[number];

/** A validated application, money as canonical decimal strings. */
export interface ApplicationInput {
  readonly panNumber: string;
  readonly applicantName: string | null;
  readonly monthlyIncomeInr: DecimalString;
  readonly loanAmountInr: DecimalString;
  readonly loanType: RequestedLoanType | null;
}
