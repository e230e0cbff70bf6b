// Runs the real `prequal` bin as a process against a small HTTP server that keeps prequal-api's
// contract: 202 + Location, status transitions, problem+json refusals.
import test from 'ava';
import { application, ID, prequal, startFakeApi } from './helpers/fake-api.ts';

test('submit --wait prints the id and PENDING, then each change until the decision', async (t) => {
  const api = await startFakeApi();
  t.teardown(api.close);
  const run = await prequal(['submit', ...application, '--name', 'Asha', '--wait', '--url', api.url]);
  t.is(run.code, 0, run.stderr);
  const lines = run.stdout.trim().split('\n');
  t.is(lines[0], `application ${ID}: PENDING`);
  t.regex(lines[1] ?? '', new RegExp(`^application ${ID}: PRE_APPROVED \\(after \\d+\\.\\d s\\)$`));
  t.is(lines.length, 2);
});

test('the body carries the amounts exactly as typed: decimals as a string, whole rupees as a number', async (t) => {
  const api = await startFakeApi();
  t.teardown(api.close);
  await prequal(['submit', ...application, '--url', api.url]);
  const [post] = api.received;
  t.is(post?.contentType, 'application/json');
  t.is(
    post?.body,
    '{"pan_number":"ABCDE1234F","monthly_income_inr":"45000.50","loan_amount_inr":200000,"loan_type":"PERSONAL"}',
  );
  t.is(api.received.length, 1, 'without --wait nothing is polled');
});

test('a 422 answer exits 1 with the detail and each invalid field', async (t) => {
  const api = await startFakeApi();
  t.teardown(api.close);
  const run = await prequal([
    'submit',
    '--pan',
    'NOTAPAN',
    '--income',
    '1',
    '--amount',
    '2',
    '--url',
    api.url,
  ]);
  t.is(run.code, 1);
  t.is(run.stdout, '');
  t.is(
    run.stderr,
    'prequal: the API refused the request: HTTP 422 Invalid application: the application has invalid fields\n' +
      '  pan_number must be an Indian PAN (e.g. ABCDE1234F)\n',
  );
});

test('an API that is not listening exits 3 and says the connection was refused', async (t) => {
  const api = await startFakeApi();
  await api.close();
  const run = await prequal(['submit', ...application, '--url', api.url]);
  t.is(run.code, 3);
  t.is(run.stderr, `prequal: cannot reach the API at ${api.url}: connection refused\n`);
});

test('a decision that does not come before --timeout exits 4 and says how to check later', async (t) => {
  const api = await startFakeApi({ statuses: ['PENDING'] });
  t.teardown(api.close);
  // Long enough that the submit itself answers in time on a loaded machine (else: exit 3, unreachable).
  const run = await prequal(['submit', ...application, '--wait', '--timeout', '3', '--url', api.url]);
  t.is(run.code, 4);
  t.is(run.stdout, `application ${ID}: PENDING\n`);
  t.regex(run.stderr, /no final status within 3 s; application .+ is still PENDING/);
  t.regex(run.stderr, new RegExp(`prequal status ${ID}`));
});

test('status prints the current status, get the whole application', async (t) => {
  const api = await startFakeApi({ statuses: ['MANUAL_REVIEW'] });
  t.teardown(api.close);
  const status = await prequal(['status', ID, '--url', api.url]);
  t.is(status.code, 0, status.stderr);
  t.is(status.stdout, `application ${ID}: MANUAL_REVIEW\n`);
  const get = await prequal(['get', ID, '--url', `${api.url}/`]);
  t.is(get.code, 0, get.stderr);
  t.deepEqual(JSON.parse(get.stdout), {
    application_id: ID,
    status: 'REJECTED',
    cibil_score: 610,
    loan_amount_inr: '200000.00',
  });
});

test('an unknown application exits 1 with the 404 problem', async (t) => {
  const api = await startFakeApi();
  t.teardown(api.close);
  const run = await prequal(['status', 'no-such-id', '--url', api.url]);
  t.is(run.code, 1);
  t.regex(run.stderr, /HTTP 404 Application not found: no application at \/applications\/no-such-id\/status/);
});
