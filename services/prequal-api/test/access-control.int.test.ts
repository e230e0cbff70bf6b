import { randomUUID } from 'node:crypto';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import anyTest, { type TestFn } from 'ava';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import { revokeKey } from '@prequal/db';
import { createTestClient } from '@prequal/testkit';
import {
  apiAt,
  postApplication,
  startApiUnderTest,
  validApplication,
  type ApiUnderTest,
} from './api-under-test.ts';
import { checkedFetch } from './contract-check.ts';

const ISSUER = 'https://idp.test.example';
const AUDIENCE = 'prequal-api';

interface Context {
  api: ApiUnderTest;
  /** The test issuer's signing key, and another key the API does not know. */
  issuerKey: CryptoKey;
  strangerKey: CryptoKey;
}

const test = anyTest as TestFn<Context>;

/** An access token as an identity provider issues one (RFC 9068), with what the test overrides. */
function accessToken(
  key: CryptoKey,
  {
    scope = 'applications:submit applications:read',
    clientId = 'partner-jwt',
    audience = AUDIENCE,
    expiresIn = '5m',
    typ = 'at+jwt',
  } = {},
): Promise<string> {
  return new SignJWT({ scope, client_id: clientId })
    .setProtectedHeader({ alg: 'ES256', typ, kid: 'test-key' })
    .setIssuer(ISSUER)
    .setAudience(audience)
    .setSubject(clientId)
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(key);
}

test.before(async (t) => {
  const issuer = await generateKeyPair('ES256');
  const stranger = await generateKeyPair('ES256');
  const dir = await mkdtemp(path.join(tmpdir(), 'jwks-'));
  const jwksFile = path.join(dir, 'jwks.json');
  await writeFile(
    jwksFile,
    JSON.stringify({
      keys: [{ ...(await exportJWK(issuer.publicKey)), kid: 'test-key', alg: 'ES256', use: 'sig' }],
    }),
  );
  const api = await startApiUnderTest({
    RELAY_ENABLED: 'false',
    AUTH_JWT_ISSUER: ISSUER,
    AUTH_JWT_AUDIENCE: AUDIENCE,
    AUTH_JWT_JWKS_FILE: jwksFile,
    API_KEY_CACHE_SECONDS: '0',
    RATE_LIMIT_REQUESTS: '1000',
  });
  t.context = { api, issuerKey: issuer.privateKey, strangerKey: stranger.privateKey };
});
test.after.always(async (t) => {
  await t.context.api.close();
});

const bearer = (credential: string) => ({ authorization: `Bearer ${credential}` });

async function submitAs(
  api: ApiUnderTest,
  headers: Record<string, string>,
  extra: Record<string, string> = {},
) {
  return postApplication(apiAt(api.url, { headers: { authorization: '' } }), validApplication, {
    ...headers,
    ...extra,
  });
}

test('every route with application data refuses a request without credentials: 401 problem with WWW-Authenticate: Bearer', async (t) => {
  const { api } = t.context;
  const id = randomUUID();
  const answers = await Promise.all([
    checkedFetch(`${api.url}/applications`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(validApplication),
    }),
    checkedFetch(`${api.url}/applications/${id}`),
    checkedFetch(`${api.url}/applications/${id}/status`),
  ]);
  for (const answer of answers) {
    t.is(answer.status, 401);
    t.is(answer.headers.get('content-type'), 'application/problem+json');
    t.is(answer.headers.get('www-authenticate'), 'Bearer realm="prequal-api"');
    t.like(await answer.json(), { status: 401, title: 'Not authenticated' });
  }
});

test('a key that is not ours, malformed credentials and a revoked key are 401 invalid_token', async (t) => {
  const { api } = t.context;
  const revoked = await createTestClient(api.apiDatabase);
  t.is((await submitAs(api, revoked.headers)).status, 202, 'the key works before it is revoked');
  await revokeKey(api.apiDatabase.em(), revoked.keyId, new Date());

  for (const authorization of [
    `Bearer pqk_${'A'.repeat(43)}`,
    'Basic dXNlcjpwYXNz',
    'Bearer',
    revoked.headers.authorization,
  ]) {
    const answer = await submitAs(api, { authorization });
    t.is(answer.status, 401, authorization);
    t.is(answer.headers.get('www-authenticate'), 'Bearer realm="prequal-api", error="invalid_token"');
  }
});

test('a client without the scope a route needs gets 403 insufficient_scope', async (t) => {
  const { api } = t.context;
  const readOnly = await createTestClient(api.apiDatabase, { scopes: ['applications:read'] });
  const answer = await submitAs(api, readOnly.headers);
  t.is(answer.status, 403);
  t.is(
    answer.headers.get('www-authenticate'),
    'Bearer realm="prequal-api", error="insufficient_scope", scope="applications:submit"',
  );
  t.like(await answer.json(), { status: 403, title: 'Not allowed' });
});

test("a client cannot read another client's application: 404, exactly as an unknown id", async (t) => {
  const { api } = t.context;
  const [owner, other] = await Promise.all([
    createTestClient(api.apiDatabase),
    createTestClient(api.apiDatabase),
  ]);
  const created = (await (await submitAs(api, owner.headers)).json()) as { application_id: string };

  for (const suffix of ['', '/status']) {
    const byOwner = await checkedFetch(`${api.url}/applications/${created.application_id}${suffix}`, {
      headers: owner.headers,
    });
    const byOther = await checkedFetch(`${api.url}/applications/${created.application_id}${suffix}`, {
      headers: other.headers,
    });
    const unknown = await checkedFetch(`${api.url}/applications/${randomUUID()}${suffix}`, {
      headers: other.headers,
    });
    t.is(byOwner.status, 200);
    t.is(byOther.status, 404);
    const [otherBody, unknownBody] = [
      (await byOther.json()) as Record<string, unknown>,
      (await unknown.json()) as Record<string, unknown>,
    ];
    t.deepEqual(
      { ...otherBody, detail: undefined, instance: undefined },
      { ...unknownBody, detail: undefined, instance: undefined },
      'the same problem',
    );
    t.regex(String(otherBody.detail), /^no application [0-9a-f-]{36}$/);
  }
});

test("an Idempotency-Key is the client's own: the same key from two clients makes two applications, and neither can replay the other's", async (t) => {
  const { api } = t.context;
  const [first, second] = await Promise.all([
    createTestClient(api.apiDatabase),
    createTestClient(api.apiDatabase),
  ]);
  const key = `shared-${randomUUID()}`;
  const fromFirst = await submitAs(api, first.headers, { 'Idempotency-Key': key });
  const fromSecond = await submitAs(api, second.headers, { 'Idempotency-Key': key });
  const replay = await submitAs(api, first.headers, { 'Idempotency-Key': key });

  t.is(fromFirst.status, 202);
  t.is(fromSecond.status, 202, "no 409: the other client's key is not seen");
  t.is(fromSecond.headers.get('idempotent-replayed'), null, "not a replay of the other client's application");
  const [a, b, c] = (await Promise.all([fromFirst.json(), fromSecond.json(), replay.json()])) as {
    application_id: string;
  }[];
  t.not(a?.application_id, b?.application_id);
  t.is(c?.application_id, a?.application_id, 'the owner replays its own');
  t.is(replay.headers.get('idempotent-replayed'), 'true');
});

test('a JWT access token from the configured issuer is accepted; the application belongs to its client_id', async (t) => {
  const { api, issuerKey } = t.context;
  const token = await accessToken(issuerKey, { clientId: `partner-${randomUUID()}` });
  const answer = await submitAs(api, bearer(token));
  t.is(answer.status, 202);
  const { application_id: id } = (await answer.json()) as { application_id: string };
  t.is((await checkedFetch(`${api.url}/applications/${id}`, { headers: bearer(token) })).status, 200);
  const otherClient = await accessToken(issuerKey, { clientId: 'someone-else' });
  t.is((await checkedFetch(`${api.url}/applications/${id}`, { headers: bearer(otherClient) })).status, 404);
});

test('access tokens with a bad signature, the wrong audience, an expiry passed or the wrong type are 401; without the scope 403', async (t) => {
  const { api, issuerKey, strangerKey } = t.context;
  const refused = [
    ['bad signature', await accessToken(strangerKey)],
    ['wrong audience', await accessToken(issuerKey, { audience: 'another-api' })],
    ['expired', await accessToken(issuerKey, { expiresIn: '-5m' })],
    ['not an access token (typ JWT)', await accessToken(issuerKey, { typ: 'JWT' })],
    ['garbage', 'eyJhbGciOiJFUzI1NiJ9.e30.c2ln'],
  ] as const;
  for (const [what, token] of refused) {
    const answer = await submitAs(api, bearer(token));
    t.is(answer.status, 401, what);
    t.is(answer.headers.get('www-authenticate'), 'Bearer realm="prequal-api", error="invalid_token"', what);
  }
  const noScope = await submitAs(api, bearer(await accessToken(issuerKey, { scope: 'applications:read' })));
  t.is(noScope.status, 403);
});

test('a client over its rate limit gets 429 with Retry-After, and another client is not affected', async (t) => {
  const limited = await startApiUnderTest({
    RELAY_ENABLED: 'false',
    RATE_LIMIT_REQUESTS: '3',
    RATE_LIMIT_WINDOW_SECONDS: '60',
  });
  t.teardown(() => limited.close());
  const statuses = [];
  for (let i = 0; i < 4; i += 1)
    statuses.push((await limited.request(`/applications/${randomUUID()}/status`)).status);
  const refused = await limited.request(`/applications/${randomUUID()}/status`);
  const other = await createTestClient(limited.apiDatabase);

  t.deepEqual(statuses, [404, 404, 404, 429]);
  t.is(refused.status, 429);
  t.true(Number(refused.headers.get('retry-after')) >= 1);
  t.like(await refused.json(), { status: 429, title: 'Too many requests' });
  t.is(
    (await checkedFetch(`${limited.url}/applications/${randomUUID()}/status`, { headers: other.headers }))
      .status,
    404,
  );
});

test('the docs and the OpenAPI document need no credentials; probes are on the ops port, not the public one', async (t) => {
  const { api } = t.context;
  t.is((await checkedFetch(`${api.url}/openapi.json`)).status, 200);
  t.is((await checkedFetch(`${api.url}/docs`)).status, 200);
  for (const probe of ['/health', '/ready', '/metrics']) {
    t.is((await fetch(`${api.opsUrl}${probe}`)).status, 200, `${probe} on the ops port`);
    t.is((await checkedFetch(`${api.url}${probe}`)).status, 404, `${probe} not on the public port`);
  }
});

test('answers carry the security headers: no-store, nosniff, a CSP that loads nothing (and one for the docs page)', async (t) => {
  const { api } = t.context;
  const answer = await t.context.api.request(`/applications/${randomUUID()}`);
  t.is(answer.headers.get('cache-control'), 'no-store');
  t.is(answer.headers.get('x-content-type-options'), 'nosniff');
  t.is(answer.headers.get('content-security-policy'), "default-src 'none';frame-ancestors 'none'");
  const docs = await checkedFetch(`${api.url}/docs`);
  const policy = docs.headers.get('content-security-policy') ?? '';
  t.regex(policy, /script-src 'self'/);
  t.notRegex(policy, /script-src[^;]*unsafe-inline/, 'no inline script allowed');
  t.is((await checkedFetch(`${api.url}/docs/assets/init.js`)).status, 200);
});
