import anyTest, { type TestFn } from 'ava';
import { startApiUnderTest, type ApiUnderTest } from './api-under-test.ts';

const test = anyTest as TestFn<ApiUnderTest>;

test.before(async (t) => {
  t.context = await startApiUnderTest({ RELAY_ENABLED: 'false' });
});
test.after.always(async (t) => {
  await t.context.close();
});

const LIMIT = 16_384;
const application = (fields: string): string =>
  `{"pan_number":"ABCDE1234F","loan_amount_inr":200000,${fields}}`;

/** The worst body of each kind that fits the 16 KiB limit, and the answer it must get. */
const hostile: [what: string, body: string, status: number][] = [
  // 1. followed by 16,000 zeros and a 1: was judged by a backtracking /0+$/, quadratic in its length.
  ['a number with thousands of decimals', application(`"monthly_income_inr":1.${'0'.repeat(16_000)}1`), 422],
  // Several thousand nested arrays and an exponent: the exact-number re-parse recursed (RangeError, 500).
  ['thousands of nested arrays around 1e1', `${'['.repeat(5_000)}1e1${']'.repeat(5_000)}`, 400],
  [
    'thousands of nested objects with a __proto__ key',
    `${'{"a":'.repeat(2_700)}{"__proto__":1e1}${'}'.repeat(2_700)}`,
    400,
  ],
  [
    'an amount string of thousands of zeros',
    application(`"monthly_income_inr":"${'0'.repeat(16_000)}1.5"`),
    422,
  ],
  [
    'a name of 16,000 characters',
    application(`"monthly_income_inr":1,"applicant_name":"${'x'.repeat(16_000)}"`),
    422,
  ],
  [
    'thousands of backslash escapes in a name',
    application(`"monthly_income_inr":1,"applicant_name":"${'\\\\'.repeat(7_900)}"`),
    422,
  ],
  [
    'a thousand unknown fields',
    application(`"monthly_income_inr":1,${Array.from({ length: 1_000 }, (_, i) => `"f${i}":1`).join(',')}`),
    422,
  ],
  [
    'a number with thousands of digits before the point',
    application(`"monthly_income_inr":${'9'.repeat(16_000)}`),
    422,
  ],
];

function post(api: ApiUnderTest, body: string): Promise<Response> {
  return api.request('/applications', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
  });
}

for (const [what, body, status] of hostile) {
  test(`${what} (${body.length} bytes) gets a ${status} problem, not a 5xx`, async (t) => {
    t.true(body.length <= LIMIT, 'the body fits the limit, so it is judged, not refused for its size');
    const answer = await post(t.context, body);
    t.is(answer.status, status);
    t.is(answer.headers.get('content-type'), 'application/problem+json');
  });
}

test('while the worst bodies of every kind arrive four at a time, /health still answers at once', async (t) => {
  const burst = hostile.flatMap(([, body]) => [body, body, body, body]).map((body) => post(t.context, body));
  const started = performance.now();
  const health = await fetch(`${t.context.opsUrl}/health`);
  const healthMs = performance.now() - started;
  const answers = await Promise.all(burst);

  t.is(health.status, 200);
  t.true(answers.every((answer) => answer.status >= 400 && answer.status < 500));
  // Before the fixes, four of the first body alone held the event loop for 1.5 s.
  t.true(healthMs < 1_000, `/health took ${Math.round(healthMs)} ms`);
});
