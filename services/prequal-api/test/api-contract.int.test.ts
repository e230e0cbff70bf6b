import { randomUUID } from 'node:crypto';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import anyTest, { type TestFn } from 'ava';
import { postApplication, startApiUnderTest, validApplication, type ApiUnderTest } from './api-under-test.ts';

const test = anyTest as TestFn<ApiUnderTest>;

test.before(async (t) => {
  t.context = await startApiUnderTest({ RELAY_ENABLED: 'false', BODY_LIMIT_BYTES: '1024' });
});
test.after.always(async (t) => {
  await t.context.close();
});

async function problemOf(response: Response): Promise<Record<string, unknown>> {
  return (await response.json()) as Record<string, unknown>;
}

test('a valid application is accepted: 202, PENDING, an id and a Location header', async (t) => {
  const response = await postApplication(t.context, validApplication);
  const body = (await response.json()) as { application_id: string; status: string };
  t.is(response.status, 202);
  t.is(body.status, 'PENDING');
  t.regex(body.application_id, /^[0-9a-f-]{36}$/);
  t.is(response.headers.get('location'), `/applications/${body.application_id}`);
});

test('the status and the stored application can be read back, PAN masked and money exact', async (t) => {
  const created = (await (
    await postApplication(t.context, {
      ...validApplication,
      monthly_income_inr: '75000.5',
      loan_type: 'HOME',
    })
  ).json()) as { application_id: string };

  const status = await t.context.request(`/applications/${created.application_id}/status`);
  t.is(status.status, 200);
  t.deepEqual(await status.json(), { application_id: created.application_id, status: 'PENDING' });

  const full = await t.context.request(`/applications/${created.application_id}`);
  t.like(await full.json(), {
    application_id: created.application_id,
    status: 'PENDING',
    pan_number: '******234F',
    applicant_name: 'Asha Verma',
    monthly_income_inr: '75000.50',
    loan_amount_inr: '200000.00',
    loan_type: 'HOME',
    cibil_score: null,
    decided_at: null,
  });
});

test('a body that breaks rules gets 422 problem+json naming every offending field', async (t) => {
  const response = await postApplication(t.context, {
    applicant_name: 'x'.repeat(256),
    monthly_income_inr: -5,
    loan_amount_inr: '100.123',
    loan_type: 'BOAT',
    favourite_colour: 'blue',
  });
  const problem = await problemOf(response);
  t.is(response.status, 422);
  t.is(response.headers.get('content-type'), 'application/problem+json');
  t.is(problem.status, 422);
  t.is(problem.title, 'Invalid application');
  const fields = (problem.errors as { field: string }[]).map((error) => error.field).sort();
  t.deepEqual(fields, [
    'applicant_name',
    'favourite_colour',
    'loan_amount_inr',
    'loan_type',
    'monthly_income_inr',
    'pan_number',
  ]);
});

test('a missing pan_number is named in the 422', async (t) => {
  const { pan_number: _, ...withoutPan } = validApplication;
  const problem = await problemOf(await postApplication(t.context, withoutPan));
  t.deepEqual(problem.errors, [{ field: 'pan_number', message: 'pan_number is required' }]);
});

const malformed: [string, string][] = [
  ['truncated JSON', '{"pan_number": "ABCDE1234F"'],
  ['not JSON at all', 'pan_number=ABCDE1234F'],
];
for (const [what, body] of malformed) {
  test(`${what} gets 400 problem+json`, async (t) => {
    const response = await postApplication(t.context, body);
    t.is(response.status, 400);
    t.is(response.headers.get('content-type'), 'application/problem+json');
    t.like(await problemOf(response), {
      status: 400,
      title: 'Malformed request',
      detail: 'the body is not valid JSON',
    });
  });
}

test('a JSON array, string, number, true or null gets 422: it parses, but it is not an application', async (t) => {
  for (const body of ['[]', '"ABCDE1234F"', '42', 'true', 'null']) {
    const response = await postApplication(t.context, body);
    t.is(response.status, 422, body);
    const problem = await problemOf(response);
    t.is(problem.detail, 'the body must be a JSON object');
    t.deepEqual(problem.errors, [{ field: '(body)', message: 'the body must be a JSON object' }]);
  }
});

test('an empty body gets 400 saying so', async (t) => {
  const response = await postApplication(t.context, '');
  t.is(response.status, 400);
  t.like(await problemOf(response), { detail: 'the body is empty; send the application as a JSON object' });
});

test('a wrong content type gets 415', async (t) => {
  for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'application/xml']) {
    const response = await t.context.request(`/applications`, {
      method: 'POST',
      headers: { 'content-type': type },
      body: JSON.stringify(validApplication),
    });
    t.is(response.status, 415, type);
    t.is(response.headers.get('content-type'), 'application/problem+json');
  }
});

test('an oversized body gets 413', async (t) => {
  const response = await postApplication(t.context, {
    ...validApplication,
    applicant_name: 'x'.repeat(5000),
  });
  t.is(response.status, 413);
  t.like(await problemOf(response), { status: 413, title: 'Body too large' });
});

test('an unknown or malformed id gets 404, on both read routes', async (t) => {
  for (const id of [randomUUID(), 'not-a-uuid', "1' or '1'='1"]) {
    for (const suffix of ['', '/status']) {
      const response = await t.context.request(`/applications/${encodeURIComponent(id)}${suffix}`);
      t.is(response.status, 404, `${id}${suffix}`);
      t.is(response.headers.get('content-type'), 'application/problem+json');
    }
  }
});

test('an unknown route gets 404 and a wrong method 405, both as problems', async (t) => {
  const unknown = await t.context.request(`/loans`);
  t.is(unknown.status, 404);
  t.is(unknown.headers.get('content-type'), 'application/problem+json');
  const wrongMethod = await t.context.request(`/applications`, { method: 'DELETE' });
  t.is(wrongMethod.status, 405);
  t.is(wrongMethod.headers.get('content-type'), 'application/problem+json');
  t.is(wrongMethod.headers.get('allow'), 'POST');
  t.like(await problemOf(wrongMethod), { status: 405, detail: 'DELETE is not allowed here; allowed: POST' });
});

test('the same Idempotency-Key with the same body returns the same application', async (t) => {
  const key = randomUUID();
  const first = await postApplication(t.context, validApplication, { 'Idempotency-Key': key });
  const second = await postApplication(t.context, validApplication, { 'Idempotency-Key': key });
  const [one, two] = (await Promise.all([first.json(), second.json()])) as { application_id: string }[];
  t.is(first.status, 202);
  t.is(second.status, 202);
  t.is(one?.application_id, two?.application_id);
  t.is(second.headers.get('idempotent-replayed'), 'true');
});

test('the same Idempotency-Key with a different body gets 409', async (t) => {
  const key = randomUUID();
  await postApplication(t.context, validApplication, { 'Idempotency-Key': key });
  const response = await postApplication(
    t.context,
    { ...validApplication, loan_amount_inr: 300000 },
    {
      'Idempotency-Key': key,
    },
  );
  t.is(response.status, 409);
  t.like(await problemOf(response), { status: 409, title: 'Idempotency key reused' });
});

test('concurrent requests with one Idempotency-Key create one application', async (t) => {
  const key = randomUUID();
  const responses = await Promise.all(
    Array.from({ length: 8 }, () => postApplication(t.context, validApplication, { 'Idempotency-Key': key })),
  );
  const ids = await Promise.all(
    responses.map(async (response) => ((await response.json()) as { application_id: string }).application_id),
  );
  t.true(responses.every((response) => response.status === 202));
  t.is(new Set(ids).size, 1);
  const rows = await t.context.database.orm.em
    .fork()
    .execute<{ count: string }[]>('select count(*) as count from applications where idempotency_key = ?', [
      key,
    ]);
  t.is(rows[0]?.count, '1');
});

test('a malformed Idempotency-Key gets 400, an empty one too', async (t) => {
  for (const key of ['x'.repeat(300), 'has space', '']) {
    const response = await postApplication(t.context, validApplication, { 'Idempotency-Key': key });
    t.is(response.status, 400, JSON.stringify(key));
    t.like(await problemOf(response), { title: 'Invalid Idempotency-Key header' });
  }
});

test('request and correlation ids are echoed, taken from the client when well-formed', async (t) => {
  const response = await postApplication(t.context, validApplication, {
    'X-Request-Id': 'req-123',
    'X-Correlation-Id': 'corr-456',
  });
  t.is(response.headers.get('x-request-id'), 'req-123');
  t.is(response.headers.get('x-correlation-id'), 'corr-456');
  const { application_id: id } = (await response.json()) as { application_id: string };
  const rows = await t.context.database.orm.em
    .fork()
    .execute<{ correlation_id: string }[]>('select correlation_id from applications where id = ?', [id]);
  t.is(rows[0]?.correlation_id, 'corr-456');
});

test('every log line of a request carries its request and correlation ids, and no PAN in the clear', async (t) => {
  await postApplication(
    t.context,
    { ...validApplication, pan_number: 'ZZZZZ9999Z' },
    { 'X-Correlation-Id': 'log-test' },
  );
  await postApplication(
    t.context,
    { ...validApplication, pan_number: 'zzzzz9999z' },
    { 'X-Correlation-Id': 'log-test' },
  );
  const lines = t.context.logLines().filter((line) => line.correlationId === 'log-test');
  t.true(lines.length >= 2);
  t.true(lines.every((line) => typeof line.requestId === 'string'));
  t.false(JSON.stringify(t.context.logLines()).includes('ZZZZZ9999Z'));
});

test('the API serves its metrics, with request durations by route and status', async (t) => {
  await t.context.request(`/applications/${randomUUID()}/status`);
  const text = await (await fetch(`${t.context.opsUrl}/metrics`)).text();
  t.regex(
    text,
    /http_request_duration_seconds_count\{[^}]*route="\/applications\/:applicationId\/status"[^}]*status="404"/,
  );
  t.regex(text, /^outbox_backlog\{service="prequal-api"\} \d+$/m);
});

test('a body that is not in the Content-Encoding it claims gets 400, not 500', async (t) => {
  const response = await t.context.request(`/applications`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
    body: JSON.stringify(validApplication),
  });
  t.is(response.status, 400);
  t.like(await problemOf(response), {
    detail: 'the body could not be decompressed: it is not in its Content-Encoding',
  });
});

test('a method the API does not know gets 405, not 501', async (t) => {
  const response = await t.context.request(`/applications`, { method: 'PURGE' });
  t.is(response.status, 405);
  t.is(response.headers.get('content-type'), 'application/problem+json');
  t.is(response.headers.get('allow'), 'POST');
  const unknownPath = await t.context.request(`/nope`, { method: 'PURGE' });
  t.is(unknownPath.status, 404);
  t.is(unknownPath.headers.get('content-type'), 'application/problem+json');
});

test('a valid application with a __proto__ key is refused with 400', async (t) => {
  const body = JSON.stringify(validApplication).replace('{', '{"__proto__": {"status": "PRE_APPROVED"}, ');
  const response = await postApplication(t.context, body);
  t.is(response.status, 400);
  t.like(await problemOf(response), {
    detail: 'the body uses a forbidden key (__proto__ or constructor.prototype)',
  });
});

test('a name with a NUL character gets 422, not a 500 from the database', async (t) => {
  const response = await postApplication(t.context, {
    ...validApplication,
    applicant_name: 'Asha\u0000Verma',
  });
  t.is(response.status, 422);
  t.like(await problemOf(response), { errors: [{ field: 'applicant_name' }] });
});

test('an unsupported Content-Encoding gets 415 saying so', async (t) => {
  const response = await postApplication(t.context, JSON.stringify(validApplication), {
    'content-encoding': 'compress',
  });
  t.is(response.status, 415);
  t.regex(String((await problemOf(response)).detail), /content-encoding/i);
});

test('a body in another charset than UTF-8 gets 415; UTF-8 in any spelling is accepted', async (t) => {
  const body = JSON.stringify(validApplication);
  for (const charset of ['utf-16le', 'iso-8859-1', 'klingon']) {
    const response = await postApplication(t.context, body, {
      'content-type': `application/json; charset=${charset}`,
    });
    t.is(response.status, 415, charset);
    t.like(await problemOf(response), {
      detail: `charset ${charset} is not supported; send the JSON as UTF-8`,
    });
  }
  for (const charset of ['utf-8', 'UTF-8', 'utf8']) {
    const response = await postApplication(t.context, body, {
      'content-type': `application/json; charset=${charset}`,
    });
    t.is(response.status, 202, charset);
  }
});

test('bytes that are not UTF-8 get 400, not a name with replacement characters', async (t) => {
  const body = Buffer.concat([
    Buffer.from('{"pan_number":"ABCDE1234F","applicant_name":"Zo'),
    Buffer.from([0xeb]),
    Buffer.from('","monthly_income_inr":1,"loan_amount_inr":1}'),
  ]);
  const response = await t.context.request(`/applications`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
  });
  t.is(response.status, 400);
  t.like(await problemOf(response), {
    detail: 'the body is not valid UTF-8 (or carries U+FFFD, the replacement character)',
  });
  const outsideAString = await t.context.request(`/applications`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: Buffer.concat([Buffer.from(JSON.stringify(validApplication)), Buffer.from([0xe2, 0x82])]),
  });
  t.is(outsideAString.status, 400);
  t.like(await problemOf(outsideAString), {
    detail: 'the body is not valid UTF-8 (or carries U+FFFD, the replacement character)',
  });
});

test('gzip, deflate and br bodies are read, whatever the case of the coding; bad Brotli gets 400', async (t) => {
  const body = Buffer.from(JSON.stringify(validApplication));
  const codings: [string, Buffer][] = [
    ['GZIP', gzipSync(body)],
    ['deflate', deflateSync(body)],
    ['br', brotliCompressSync(body)],
  ];
  for (const [coding, compressed] of codings) {
    const response = await t.context.request(`/applications`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-encoding': coding },
      body: compressed,
    });
    t.is(response.status, 202, coding);
  }
  const bad = await t.context.request(`/applications`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'content-encoding': 'br' },
    body: 'nope nope nope',
  });
  t.is(bad.status, 400);
});

test('a compressed body larger than the limit once inflated gets 413', async (t) => {
  const bomb = gzipSync(Buffer.from(`{"applicant_name":"${'a'.repeat(100_000)}"}`));
  t.true(bomb.length < 1024);
  const response = await t.context.request(`/applications`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
    body: bomb,
  });
  t.is(response.status, 413);
});

test('an amount with more than 2 decimals gets 422, as text and as a number, even one a double rounds', async (t) => {
  for (const amount of ['100.001', '"100.001"', '1.00000000000000000001', '9999999999.9900000001', '1e-3']) {
    const body = JSON.stringify({ ...validApplication, loan_amount_inr: 0 }).replace(
      '"loan_amount_inr":0',
      `"loan_amount_inr":${amount}`,
    );
    const response = await postApplication(t.context, body);
    t.is(response.status, 422, amount);
    t.like(await problemOf(response), { errors: [{ field: 'loan_amount_inr' }] }, amount);
  }
});

test('amounts written in exponent form or with trailing zeros are read exactly', async (t) => {
  const cases: [written: string, stored: string][] = [
    ['1e3', '1000.00'],
    ['1.5e1', '15.00'],
    ['2.500', '2.50'],
    ['100.10', '100.10'],
  ];
  for (const [amount, stored] of cases) {
    const body = JSON.stringify({ ...validApplication, loan_amount_inr: 0 }).replace(
      '"loan_amount_inr":0',
      `"loan_amount_inr":${amount}`,
    );
    const response = await postApplication(t.context, body);
    t.is(response.status, 202, amount);
    const { application_id: id } = (await response.json()) as { application_id: string };
    const application = (await (await t.context.request(`/applications/${id}`)).json()) as {
      loan_amount_inr: string;
    };
    t.is(application.loan_amount_inr, stored, amount);
  }
});

test('a name with an unpaired surrogate gets 422; one with emoji and accents round-trips', async (t) => {
  const unpaired = await postApplication(t.context, {
    ...validApplication,
    applicant_name: 'Asha \ud800',
  });
  t.is(unpaired.status, 422);
  t.like(await problemOf(unpaired), { errors: [{ field: 'applicant_name' }] });

  const name = 'Zoë \u{1F600} Verma';
  const accepted = await postApplication(t.context, { ...validApplication, applicant_name: name });
  t.is(accepted.status, 202);
  const { application_id: id } = (await accepted.json()) as { application_id: string };
  const stored = (await (await t.context.request(`/applications/${id}`)).json()) as {
    applicant_name: string;
  };
  t.is(stored.applicant_name, name);
});

test('the docs page and its assets are served; another asset name gets 404', async (t) => {
  const page = await t.context.request(`/docs`);
  t.is(page.status, 200);
  t.regex(await page.text(), /swagger-ui-bundle\.js/);
  const css = await t.context.request(`/docs/assets/swagger-ui.css`);
  t.is(css.status, 200);
  t.is(css.headers.get('content-type'), 'text/css; charset=utf-8');
  await css.arrayBuffer();
  for (const name of ['constructor', '__proto__', 'toString', 'package.json']) {
    const response = await t.context.request(`/docs/assets/${name}`);
    t.is(response.status, 404, name);
    t.is(response.headers.get('content-type'), 'application/problem+json');
  }
});
