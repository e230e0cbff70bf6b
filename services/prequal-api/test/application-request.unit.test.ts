import test from 'ava';
import { parseApplicationRequest } from '../src/http/contract/application-request.ts';
import { InexactNumber } from '../src/http/json-body.ts';

const valid = { pan_number: 'ABCDE1234F', monthly_income_inr: 100000, loan_amount_inr: 200000 };

const accepted: [what: string, body: object, income: string, amount: string][] = [
  ['whole rupees as numbers', valid, '100000.00', '200000.00'],
  ['paise as numbers', { ...valid, monthly_income_inr: 75000.5, loan_amount_inr: 0.01 }, '75000.50', '0.01'],
  [
    'decimal strings',
    { ...valid, monthly_income_inr: '2083.34', loan_amount_inr: '100000' },
    '2083.34',
    '100000.00',
  ],
  ['the largest NUMERIC(12,2)', { ...valid, loan_amount_inr: '9999999999.99' }, '100000.00', '9999999999.99'],
  [
    'with a name of 255 emoji (255 characters, 510 UTF-16 code units)',
    { ...valid, applicant_name: '\u{1F600}'.repeat(255) },
    '100000.00',
    '200000.00',
  ],
];
for (const [what, body, income, amount] of accepted) {
  test(`money accepted as ${what}, kept exact`, (t) => {
    const parsed = parseApplicationRequest(body);
    t.true(parsed.ok);
    if (parsed.ok) t.like(parsed.input, { monthlyIncomeInr: income, loanAmountInr: amount });
  });
}

const refused: [what: string, body: object, field: string][] = [
  ['a missing PAN', { monthly_income_inr: 1, loan_amount_inr: 1 }, 'pan_number'],
  ['a lowercase PAN', { ...valid, pan_number: 'abcde1234f' }, 'pan_number'],
  ['a PAN of the wrong shape', { ...valid, pan_number: 'ABCD12345F' }, 'pan_number'],
  ['a PAN that is a number', { ...valid, pan_number: 1234 }, 'pan_number'],
  ['zero income', { ...valid, monthly_income_inr: 0 }, 'monthly_income_inr'],
  ['a negative amount', { ...valid, loan_amount_inr: -1 }, 'loan_amount_inr'],
  ['three decimal places', { ...valid, loan_amount_inr: 10.123 }, 'loan_amount_inr'],
  ['three decimal places as text', { ...valid, loan_amount_inr: '10.123' }, 'loan_amount_inr'],
  ['an amount over NUMERIC(12,2)', { ...valid, loan_amount_inr: 10_000_000_000 }, 'loan_amount_inr'],
  [
    'an amount over NUMERIC(12,2) as text',
    { ...valid, loan_amount_inr: '10000000000.00' },
    'loan_amount_inr',
  ],
  ['a zero amount as text', { ...valid, loan_amount_inr: '0.00' }, 'loan_amount_inr'],
  ['an amount in exponent form', { ...valid, loan_amount_inr: '1e5' }, 'loan_amount_inr'],
  ['a boolean amount', { ...valid, loan_amount_inr: true }, 'loan_amount_inr'],
  ['an unknown loan type', { ...valid, loan_type: 'BOAT' }, 'loan_type'],
  ['a name over 255 characters', { ...valid, applicant_name: 'x'.repeat(256) }, 'applicant_name'],
  [
    'a name with a NUL character (PostgreSQL cannot store it)',
    { ...valid, applicant_name: 'a\u0000b' },
    'applicant_name',
  ],
  ['a name of 256 emoji', { ...valid, applicant_name: '\u{1F600}'.repeat(256) }, 'applicant_name'],
  ['a name with an unpaired surrogate', { ...valid, applicant_name: 'a\udc00b' }, 'applicant_name'],
  ['a name with a line break', { ...valid, applicant_name: 'Asha\nVerma' }, 'applicant_name'],
  [
    'an amount written with more decimals than a double holds',
    { ...valid, loan_amount_inr: new InexactNumber('1.00000000000000000001') },
    'loan_amount_inr',
  ],
  ['an unknown field', { ...valid, score: 900 }, 'score'],
];
for (const [what, body, field] of refused) {
  test(`${what} is refused, naming ${field}`, (t) => {
    const parsed = parseApplicationRequest(body);
    t.false(parsed.ok);
    if (!parsed.ok)
      t.deepEqual(
        parsed.errors.map((error) => error.field),
        [field],
      );
  });
}

test('the optional fields may be left out or null', (t) => {
  const parsed = parseApplicationRequest({ ...valid, applicant_name: null, loan_type: null });
  t.true(parsed.ok);
  if (parsed.ok) t.like(parsed.input, { applicantName: null, loanType: null });
});

test('every offending field is reported at once', (t) => {
  const parsed = parseApplicationRequest({
    pan_number: 'x',
    monthly_income_inr: 'lots',
    loan_amount_inr: -3,
    loan_type: 1,
  });
  t.false(parsed.ok);
  if (!parsed.ok) {
    t.deepEqual(parsed.errors.map((error) => error.field).sort(), [
      'loan_amount_inr',
      'loan_type',
      'monthly_income_inr',
      'pan_number',
    ]);
  }
});
