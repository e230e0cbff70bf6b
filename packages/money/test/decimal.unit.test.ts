import test from 'ava';
import {
  fitsInrColumn,
  fromUnscaled,
  inrToPaise,
  normalizeInr,
  paiseToInr,
  toUnscaled,
} from '@prequal/money';

const cases: [text: string, scale: number, unscaled: bigint, canonical: string][] = [
  ['0', 2, 0n, '0.00'],
  ['12.5', 2, 1250n, '12.50'],
  ['12.05', 2, 1205n, '12.05'],
  ['0.01', 2, 1n, '0.01'],
  ['-3.1', 2, -310n, '-3.10'],
  ['9999999999.99', 2, 999999999999n, '9999999999.99'],
  ['42', 0, 42n, '42'],
  ['1.234', 3, 1234n, '1.234'],
];

for (const [text, scale, unscaled, canonical] of cases) {
  test(`${text} at scale ${scale} is ${unscaled} unscaled and prints as ${canonical}`, (t) => {
    t.is(toUnscaled(text, scale), unscaled);
    t.is(fromUnscaled(unscaled, scale), canonical);
  });
}

test('more fraction digits than the scale are refused, not rounded', (t) => {
  t.throws(() => toUnscaled('1.005', 2), { message: /more than 2 decimal places/ });
});

test('text that is not a plain decimal is refused', (t) => {
  for (const text of ['', 'abc', '1e5', '1.', '.5', '1,000.00', '0x10', 'NaN']) {
    t.throws(() => toUnscaled(text, 2), { message: /not a decimal number/ }, text);
  }
});

test('rupees convert to paise and back exactly', (t) => {
  t.is(inrToPaise('150000'), 15_000_000n);
  t.is(paiseToInr(15_000_001n), '150000.01');
  t.is(normalizeInr('0.1'), '0.10');
});

test('NUMERIC(12,2) holds at most 12 digits', (t) => {
  t.true(fitsInrColumn(inrToPaise('9999999999.99')));
  t.false(fitsInrColumn(inrToPaise('10000000000.00')));
});
