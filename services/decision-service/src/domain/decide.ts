import type { LoanDecision } from '@prequal/events';
import { inrToPaise, type DecimalString } from '@prequal/money';

/** What the rules decide: every LoanDecision but UNKNOWN (a reader's fallback for a new symbol). */
export type Decision = Exclude<LoanDecision, 'UNKNOWN'>;

export const MIN_APPROVAL_SCORE = 650;
/** The income must cover the instalment of a four-year loan: amount / 48. */
export const LOAN_TERM_MONTHS = 48n;

export interface DecisionInput {
  readonly cibilScore: number;
  readonly monthlyIncomeInr: DecimalString;
  readonly loanAmountInr: DecimalString;
}

export interface DecisionOutcome {
  readonly decision: Decision;
  readonly reason: string;
}

/**
 * The pre-qualification rules: a score below 650 is REJECTED; otherwise PRE_APPROVED when the
 * monthly income is greater than loan amount / 48, else MANUAL_REVIEW. Compared exactly as
 * income * 48 > amount in paise, so there is no rounding at the boundary.
 */
export function decide({ cibilScore, monthlyIncomeInr, loanAmountInr }: DecisionInput): DecisionOutcome {
  if (cibilScore < MIN_APPROVAL_SCORE) {
    return { decision: 'REJECTED', reason: `CIBIL score ${cibilScore} is below ${MIN_APPROVAL_SCORE}` };
  }
  const incomeCoversInstalment = inrToPaise(monthlyIncomeInr) * LOAN_TERM_MONTHS > inrToPaise(loanAmountInr);
  return incomeCoversInstalment
    ? {
        decision: 'PRE_APPROVED',
        reason: `CIBIL score ${cibilScore} and monthly income above loan amount / ${LOAN_TERM_MONTHS}`,
      }
    : {
        decision: 'MANUAL_REVIEW',
        reason: `CIBIL score ${cibilScore} but monthly income at most loan amount / ${LOAN_TERM_MONTHS}`,
      };
}
