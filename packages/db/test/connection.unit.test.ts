import test from 'ava';
import { tempFileWith } from '@prequal/testkit';
import { ConfigError } from '@prequal/service-kit';
import { grantStatements, pgConnection } from '../src/index.ts';

const connection = (
  url: string,
  extra: Partial<Record<'DATABASE_SSL_CA_FILE' | 'DATABASE_PASSWORD_FILE', string>> = {},
) => pgConnection({ DATABASE_URL: url, DATABASE_SSL_CA_FILE: '', DATABASE_PASSWORD_FILE: '', ...extra });

test('a URL without sslmode connects without TLS, as libpq would not ask for it', (t) => {
  const { ssl, url } = connection('postgres://app:pw@db:5432/prequal');
  t.false(ssl);
  t.is(url, 'postgres://app:pw@db:5432/prequal');
});

test('verify-full checks the chain against the CA file and the host name', async (t) => {
  const ca = await tempFileWith('CA');
  const { ssl, url, description } = connection('postgres://app@db/prequal?sslmode=verify-full', {
    DATABASE_SSL_CA_FILE: ca,
  });
  t.deepEqual(ssl, { ca: 'CA', rejectUnauthorized: true });
  t.is(url, 'postgres://app@db/prequal', 'the TLS parameters are taken out of the URL');
  t.is(description, 'app@db/prequal (sslmode verify-full, own CA)');
});

test("verify-ca checks the chain, not the name; require without a CA encrypts only, as libpq's does", async (t) => {
  const ca = await tempFileWith('CA');
  const verifyCa = connection('postgres://app@db/prequal?sslmode=verify-ca', { DATABASE_SSL_CA_FILE: ca });
  t.like(verifyCa.ssl, { ca: 'CA', rejectUnauthorized: true });
  t.is(typeof (verifyCa.ssl && verifyCa.ssl.checkServerIdentity), 'function');
  t.deepEqual(connection('postgres://app@db/prequal?sslmode=require').ssl, { rejectUnauthorized: false });
});

test("sslrootcert in the URL is the CA too; the password file replaces the URL's password", async (t) => {
  const ca = await tempFileWith('CA2');
  const password = await tempFileWith('p@ss/word');
  const { ssl, url } = connection(`postgres://app:old@db/prequal?sslmode=verify-full&sslrootcert=${ca}`, {
    DATABASE_PASSWORD_FILE: password,
  });
  t.like(ssl, { ca: 'CA2' });
  t.is(new URL(url).password, encodeURIComponent('p@ss/word'));
  t.false(url.includes('sslrootcert'));
});

test('prefer and allow are refused (pg cannot fall back), as is a CA without TLS', (t) => {
  t.throws(() => connection('postgres://app@db/prequal?sslmode=prefer'), {
    instanceOf: ConfigError,
    message: /not supported/,
  });
  t.throws(() => connection('postgres://app@db/prequal', { DATABASE_SSL_CA_FILE: '/ca.pem' }), {
    instanceOf: ConfigError,
    message: /no sslmode/,
  });
});

test("a service role gets exactly its privileges, all others revoked first, and the outbox's sequence when it inserts", (t) => {
  const statements = grantStatements('decision-service', 'decision_service');
  t.is(statements[0], 'REVOKE ALL ON ALL TABLES IN SCHEMA public FROM "decision_service"');
  t.true(statements.includes('GRANT SELECT, UPDATE ON "applications" TO "decision_service"'));
  t.true(statements.includes('GRANT USAGE ON SEQUENCE "outbox_id_seq" TO "decision_service"'));
  t.false(
    statements.some((statement) => statement.includes('api_keys')),
    'no API keys',
  );
  t.false(statements.some((statement) => /TRUNCATE|CREATE|ALL PRIVILEGES/.test(statement)));
});
