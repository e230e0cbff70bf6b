import test from 'ava';
import { computeCibilScore, jitterFor, type CreditScoreInput } from '../src/domain/credit-score.ts';

const base: CreditScoreInput = { panNumber: 'KLMNO1234P', monthlyIncomeInr: '50000.00', loanType: null };

test('test PAN ABCDE1234F always scores 790, whatever else it sends', (t) => {
  for (const input of [base, { ...base, monthlyIncomeInr: '1.00', loanType: 'PERSONAL' as const }]) {
    t.is(computeCibilScore({ ...input, panNumber: 'ABCDE1234F' }, 5), 790);
  }
});

test('test PAN FGHIJ5678K always scores 610', (t) => {
  t.is(
    computeCibilScore(
      { ...base, panNumber: 'FGHIJ5678K', monthlyIncomeInr: '900000.00', loanType: 'HOME' },
      -5,
    ),
    610,
  );
});

const table: [what: string, input: Partial<CreditScoreInput>, jitter: number, score: number][] = [
  ['any other PAN starts at 650', {}, 0, 650],
  ['income above 75,000 adds 40', { monthlyIncomeInr: '75000.01' }, 0, 690],
  ['income of exactly 75,000 adds nothing', { monthlyIncomeInr: '75000.00' }, 0, 650],
  ['income below 30,000 takes 20', { monthlyIncomeInr: '29999.99' }, 0, 630],
  ['income of exactly 30,000 takes nothing', { monthlyIncomeInr: '30000.00' }, 0, 650],
  ['a PERSONAL loan (unsecured) takes 10', { loanType: 'PERSONAL' }, 0, 640],
  ['a HOME loan (secured) adds 10', { loanType: 'HOME' }, 0, 660],
  ['an AUTO loan changes nothing', { loanType: 'AUTO' }, 0, 650],
  ['no loan type changes nothing', { loanType: null }, 0, 650],
  ['high income and a HOME loan add up', { monthlyIncomeInr: '100000.00', loanType: 'HOME' }, 0, 700],
  ['low income and a PERSONAL loan add up', { monthlyIncomeInr: '10000.00', loanType: 'PERSONAL' }, 0, 620],
  ['the jitter is added', {}, 5, 655],
  ['a negative jitter is subtracted', { loanType: 'PERSONAL' }, -5, 635],
];

for (const [what, input, jitter, score] of table) {
  test(`${what}: ${score}`, (t) => {
    t.is(computeCibilScore({ ...base, ...input }, jitter), score);
  });
}

test('the score is clamped to 300..900', (t) => {
  t.is(computeCibilScore(base, 10_000), 900);
  t.is(computeCibilScore(base, -10_000), 300);
});

test('the jitter is in -5..+5, the same for the same application, and takes every value', (t) => {
  const seen = new Set<number>();
  for (let i = 0; i < 2000; i += 1) {
    const id = `00000000-0000-4000-8000-${i.toString().padStart(12, '0')}`;
    const jitter = jitterFor(id);
    t.true(jitter >= -5 && jitter <= 5);
    t.is(jitterFor(id), jitter);
    seen.add(jitter);
  }
  t.is(seen.size, 11);
});
