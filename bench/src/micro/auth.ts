#!/usr/bin/env node
// `make bench-auth`: what authenticating a request costs prequal-api in CPU, per request, on this
// machine: the Authorization header of an API key (a SHA-256 and a cache lookup once the key was
// seen: every request after a client's first within API_KEY_CACHE_SECONDS), and of a JWT access
// token (a signature check by jose, every request: tokens are not cached). No I/O: the database
// lookup of a key not yet cached happens once per key and cache period.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { Bench } from 'tinybench';
import { accessTokenVerifier } from '../../../services/prequal-api/src/auth/access-tokens.ts';
import { bearerAuthenticator } from '../../../services/prequal-api/src/auth/authenticator.ts';
import { hashApiKey } from '@prequal/db';

const ISSUER = 'https://issuer.example';
const AUDIENCE = 'https://prequal.example';

async function tokenAndVerifier(algorithm: 'ES256' | 'RS256' | 'EdDSA') {
  const { privateKey, publicKey } = await generateKeyPair(algorithm);
  const dir = await mkdtemp(path.join(tmpdir(), 'bench-auth-'));
  const jwksFile = path.join(dir, 'jwks.json');
  await writeFile(
    jwksFile,
    JSON.stringify({ keys: [{ ...(await exportJWK(publicKey)), alg: algorithm, kid: 'k1' }] }),
  );
  const token = await new SignJWT({ scope: 'applications:submit applications:read', client_id: 'bench' })
    .setProtectedHeader({ alg: algorithm, typ: 'at+jwt', kid: 'k1' })
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime('1h')
    .sign(privateKey);
  const verify = accessTokenVerifier({ issuer: ISSUER, audience: AUDIENCE, jwksFile });
  await rm(dir, { recursive: true });
  return { token, verify };
}

const key = `pqk_${'x'.repeat(43)}`;
// The key authenticator's path once the key is cached: the hash, then a map lookup.
const cached = new Map([
  [hashApiKey(key), { id: 'bench', scopes: new Set(['applications:submit']), via: 'api-key' as const }],
]);
const tokens = {
  ES256: await tokenAndVerifier('ES256'),
  RS256: await tokenAndVerifier('RS256'),
  EdDSA: await tokenAndVerifier('EdDSA'),
};
const authenticator = (verify?: (token: string) => ReturnType<ReturnType<typeof accessTokenVerifier>>) =>
  bearerAuthenticator({
    apiKey: (presented) => Promise.resolve(cached.get(hashApiKey(presented))),
    accessToken: verify,
  });

const bench = new Bench({ time: 2_000, warmupTime: 300 });
const withKey = authenticator();
bench.add('API key (cached)', () => withKey.authenticate(`Bearer ${key}`));
for (const [algorithm, { token, verify }] of Object.entries(tokens)) {
  const withToken = authenticator(verify);
  bench.add(`JWT access token, ${algorithm}`, () => withToken.authenticate(`Bearer ${token}`));
}
await bench.run();

process.stdout.write(
  '| credential | µs of CPU per request | per second on one core |\n| --- | ---: | ---: |\n',
);
for (const task of bench.tasks) {
  const result = task.result;
  if (result.state !== 'completed') throw new Error(`${task.name} did not complete`);
  const micros = result.period * 1000;
  process.stdout.write(
    `| ${task.name} | ${micros.toFixed(1)} | ${Math.round(1e6 / micros).toLocaleString('en')} |\n`,
  );
}
