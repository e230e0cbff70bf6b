import { INR_AMOUNT_RULE, isPositiveInrAmount } from '@prequal/money';
import {
  APPLICANT_NAME_RULES,
  CIBIL_SCORE_MAX,
  CIBIL_SCORE_MIN,
  PAN_PATTERN,
  PAN_RULE,
  applicantNameProblem,
} from './application-rules.ts';
import type { EventOf, TopicName } from './topics.ts';

/** A field of an event that breaks a rule of the domain, and which rule. */
export interface ContentViolation {
  readonly field: string;
  readonly rule: string;
}

type Check = ContentViolation | undefined;

const broken = (field: string, holds: boolean, rule: string): Check => (holds ? undefined : { field, rule });

const amount = (field: string, value: string): Check =>
  broken(field, isPositiveInrAmount(value), `must be ${INR_AMOUNT_RULE}`);

const score = (value: number): Check =>
  broken(
    'cibilScore',
    Number.isInteger(value) && value >= CIBIL_SCORE_MIN && value <= CIBIL_SCORE_MAX,
    `must be a whole number from ${CIBIL_SCORE_MIN} to ${CIBIL_SCORE_MAX}`,
  );

const rules: { [T in TopicName]: (event: EventOf<T>) => Check[] } = {
  loan_applications_submitted: (event) => {
    const nameProblem = event.applicantName === null ? undefined : applicantNameProblem(event.applicantName);
    return [
      broken('panNumber', PAN_PATTERN.test(event.panNumber), PAN_RULE),
      nameProblem && { field: 'applicantName', rule: APPLICANT_NAME_RULES[nameProblem] },
      amount('monthlyIncomeInr', event.monthlyIncomeInr),
      amount('loanAmountInr', event.loanAmountInr),
    ];
  },
  credit_reports_generated: (event) => [
    score(event.cibilScore),
    amount('monthlyIncomeInr', event.monthlyIncomeInr),
    amount('loanAmountInr', event.loanAmountInr),
  ],
  loan_decisions_made: (event) => [score(event.cibilScore)],
};

/**
 * The rules of the domain that an event of `topic` breaks although its Avro is valid (a negative
 * income, a score of 950): empty when it breaks none. Never quotes the values (they may be
 * personal data).
 */
export function contentViolations<T extends TopicName>(topic: T, event: EventOf<T>): ContentViolation[] {
  return rules[topic](event).filter((check): check is ContentViolation => check !== undefined);
}
