import test from 'ava';
import { decide, type Decision, type DecisionInput } from '../src/domain/decide.ts';

const table: [what: string, input: DecisionInput, decision: Decision][] = [
  [
    'a score of 649 is rejected',
    { cibilScore: 649, monthlyIncomeInr: '1000000.00', loanAmountInr: '1000.00' },
    'REJECTED',
  ],
  [
    'a score of 610 (test PAN 2) is rejected',
    { cibilScore: 610, monthlyIncomeInr: '100000.00', loanAmountInr: '200000.00' },
    'REJECTED',
  ],
  [
    'a score of 650 with sufficient income is pre-approved',
    { cibilScore: 650, monthlyIncomeInr: '50000.00', loanAmountInr: '200000.00' },
    'PRE_APPROVED',
  ],
  [
    'a score of 790 (test PAN 1) with sufficient income is pre-approved',
    { cibilScore: 790, monthlyIncomeInr: '100000.00', loanAmountInr: '200000.00' },
    'PRE_APPROVED',
  ],
  [
    'income exactly amount / 48 goes to manual review',
    { cibilScore: 750, monthlyIncomeInr: '1000.00', loanAmountInr: '48000.00' },
    'MANUAL_REVIEW',
  ],
  [
    'income one paisa above amount / 48 is pre-approved',
    { cibilScore: 750, monthlyIncomeInr: '1000.01', loanAmountInr: '48000.00' },
    'PRE_APPROVED',
  ],
  [
    'income one paisa below amount / 48 goes to manual review',
    { cibilScore: 750, monthlyIncomeInr: '999.99', loanAmountInr: '48000.00' },
    'MANUAL_REVIEW',
  ],
  // 100000 / 48 = 2083.333...: 2083.33 is below, 2083.34 above, with no float in between.
  [
    'income 2083.33 against 100,000 (amount / 48 = 2083.33…) goes to manual review',
    { cibilScore: 700, monthlyIncomeInr: '2083.33', loanAmountInr: '100000.00' },
    'MANUAL_REVIEW',
  ],
  [
    'income 2083.34 against 100,000 is pre-approved',
    { cibilScore: 700, monthlyIncomeInr: '2083.34', loanAmountInr: '100000.00' },
    'PRE_APPROVED',
  ],
  [
    'a 750 with tight income goes to manual review',
    { cibilScore: 750, monthlyIncomeInr: '20000.00', loanAmountInr: '5000000.00' },
    'MANUAL_REVIEW',
  ],
  [
    'the largest amounts compare exactly',
    { cibilScore: 900, monthlyIncomeInr: '208333333.34', loanAmountInr: '9999999999.99' },
    'PRE_APPROVED',
  ],
  [
    'the largest amounts compare exactly at the boundary',
    { cibilScore: 900, monthlyIncomeInr: '208333333.33', loanAmountInr: '9999999999.99' },
    'MANUAL_REVIEW',
  ],
];

for (const [what, input, decision] of table) {
  test(what, (t) => {
    t.is(decide(input).decision, decision);
  });
}

test('the reason says why in plain words', (t) => {
  t.is(
    decide({ cibilScore: 610, monthlyIncomeInr: '1.00', loanAmountInr: '1.00' }).reason,
    'CIBIL score 610 is below 650',
  );
  t.regex(
    decide({ cibilScore: 700, monthlyIncomeInr: '1.00', loanAmountInr: '1000.00' }).reason,
    /at most loan amount \/ 48/,
  );
});
