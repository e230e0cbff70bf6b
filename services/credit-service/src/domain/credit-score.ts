import { CIBIL_SCORE_MAX, CIBIL_SCORE_MIN, type LoanType } from '@prequal/events';
import { inrToPaise, type DecimalString } from '@prequal/money';

/** The spec's fixed test PANs and their scores. */
export const FIXED_SCORES: Readonly<Record<string, number>> = {
  ABCDE1234F: 790,
  FGHIJ5678K: 610,
};

export const BASE_SCORE = 650;
const HIGH_INCOME_PAISE = inrToPaise('75000');
const LOW_INCOME_PAISE = inrToPaise('30000');

export interface CreditScoreInput {
  readonly panNumber: string;
  readonly monthlyIncomeInr: DecimalString;
  readonly loanType: LoanType | null;
}

/**
 * The simulated CIBIL score. Fixed for the two test PANs; otherwise 650, +40 for a monthly income
 * above 75,000, -20 below 30,000, -10 for a PERSONAL (unsecured) loan, +10 for a HOME (secured)
 * loan, plus `jitter` (-5..+5), clamped to 300..900. Income is compared exactly, in paise.
 */
export function computeCibilScore(input: CreditScoreInput, jitter: number): number {
  const fixed = FIXED_SCORES[input.panNumber];
  if (fixed !== undefined) return fixed;
  const income = inrToPaise(input.monthlyIncomeInr);
  let score = BASE_SCORE;
  if (income > HIGH_INCOME_PAISE) score += 40;
  if (income < LOW_INCOME_PAISE) score -= 20;
  if (input.loanType === 'PERSONAL') score -= 10;
  if (input.loanType === 'HOME') score += 10;
  return Math.min(CIBIL_SCORE_MAX, Math.max(CIBIL_SCORE_MIN, score + jitter));
}

/**
 * A jitter in -5..+5 that depends only on the application id (32-bit FNV-1a of its text), so
 * scoring the same application twice gives the same score.
 */
export function jitterFor(applicationId: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < applicationId.length; i += 1) {
    hash ^= applicationId.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return (hash % 11) - 5;
}
