import test from 'ava';
import { check } from 'recheck';
import { APPLICANT_NAME_TEXT, PAN_PATTERN } from '@prequal/events';
import { INR_AMOUNT_TEXT } from '@prequal/money';
import { BEARER } from '../src/auth/authenticator.ts';
import { IDEMPOTENCY_KEY, SAFE_ID } from '../src/http/contract/headers.ts';
import { MAY_HOLD_INEXACT_NUMBER, NUMBER_TEXT } from '../src/http/json-body.ts';

/** Every regular expression a request's own text reaches, before or after it is authenticated. */
const patterns: Record<string, RegExp> = {
  'Authorization: Bearer': BEARER,
  'Idempotency-Key': IDEMPOTENCY_KEY,
  'X-Request-Id and X-Correlation-Id': SAFE_ID,
  'a number as written': NUMBER_TEXT,
  'may hold an inexact number': MAY_HOLD_INEXACT_NUMBER,
  pan_number: PAN_PATTERN,
  applicant_name: APPLICANT_NAME_TEXT,
  'an amount in rupees': INR_AMOUNT_TEXT,
};

for (const [what, pattern] of Object.entries(patterns)) {
  test(`the pattern of ${what} cannot backtrack super-linearly (recheck)`, async (t) => {
    const diagnosis = await check(pattern.source, pattern.flags);
    t.is(
      diagnosis.status,
      'safe',
      JSON.stringify(diagnosis.status === 'vulnerable' ? diagnosis.complexity : diagnosis),
    );
  });
}

test('the checker does find a quadratic pattern (the /0+$/ that judged decimals before)', async (t) => {
  t.is((await check('0+$', '')).status, 'vulnerable');
});
