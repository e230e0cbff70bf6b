import test from 'ava';
import { applicationBodies, canonicalInr } from '../src/load/application-bodies.ts';

const PAN = /^[A-Z]{5}[0-9]{4}[A-Z]$/;
const MONEY = /^\d{1,10}(\.\d{1,2})?$/;

test('every generated body follows the REST contract', (t) => {
  const next = applicationBodies(5);
  for (let index = 0; index < 2000; index += 1) {
    const body = next();
    t.regex(body.pan_number, PAN);
    t.regex(String(body.monthly_income_inr), MONEY);
    t.regex(String(body.loan_amount_inr), MONEY);
    t.true(Number(body.monthly_income_inr) > 0 && Number(body.loan_amount_inr) > 0);
  }
});

test('bodies vary: PANs, amounts sent as numbers and as strings, optional fields left out', (t) => {
  const next = applicationBodies(5);
  const bodies = Array.from({ length: 500 }, next);
  t.true(new Set(bodies.map((body) => body.pan_number)).size > 300);
  t.true(bodies.some((body) => body.pan_number === 'ABCDE1234F'));
  t.true(bodies.some((body) => typeof body.loan_amount_inr === 'string'));
  t.true(bodies.some((body) => typeof body.loan_amount_inr === 'number'));
  t.true(bodies.some((body) => body.loan_type === undefined));
  t.true(bodies.some((body) => body.applicant_name === undefined));
});

test('the same seed gives the same bodies', (t) => {
  const [first, second] = [applicationBodies(9), applicationBodies(9)];
  t.deepEqual(Array.from({ length: 20 }, first), Array.from({ length: 20 }, second));
});

test('amounts are stored as two-decimal strings', (t) => {
  t.is(canonicalInr(85000), '85000.00');
  t.is(canonicalInr('85000.5'), '85000.50');
});
