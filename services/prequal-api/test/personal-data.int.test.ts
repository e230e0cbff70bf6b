import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import test from 'ava';
import { randomUUID } from 'node:crypto';
import { createOrm, migrations, pgConnectionOf } from '@prequal/db';
import { Keyring, newKeyring, rotateKeyring, sealedKeyId, serializeKeyring } from '@prequal/pii';
import { createTestClient, createTestDatabase, stack, TEST_KEYS } from '@prequal/testkit';
import { postApplication, startApiUnderTest, validApplication, type ApiUnderTest } from './api-under-test.ts';
import { checkedFetch } from './contract-check.ts';

const run = promisify(execFile);
const PERSONAL_DATA_CLI = path.resolve(import.meta.dirname, '../src/cli/personal-data.ts');

async function submit(api: ApiUnderTest, pan: string, name: string): Promise<string> {
  const answer = await postApplication(api, { ...validApplication, pan_number: pan, applicant_name: name });
  if (answer.status !== 202) throw new Error(`got ${answer.status}: ${await answer.text()}`);
  return ((await answer.json()) as { application_id: string }).application_id;
}

async function sealedKeys(api: ApiUnderTest): Promise<string[]> {
  const rows = await api.apiDatabase
    .em()
    .execute<{ pan_sealed: string; applicant_name_sealed: string }[]>(
      'select pan_sealed, applicant_name_sealed from applications',
    );
  return rows
    .flatMap((row) => [sealedKeyId(row.pan_sealed), sealedKeyId(row.applicant_name_sealed)])
    .map(String)
    .sort();
}

async function nameOf(api: ApiUnderTest, id: string): Promise<unknown> {
  return ((await (await api.request(`/applications/${id}`)).json()) as { applicant_name: unknown })
    .applicant_name;
}

test('written under key 1, rotated to key 2: old and new applications read back, and reencrypt seals all under key 2', async (t) => {
  const first = await newKeyring();
  const env = (keyring: typeof first) => ({ RELAY_ENABLED: 'false', PII_KEYRING: serializeKeyring(keyring) });
  const before = await startApiUnderTest(env(first));
  t.teardown(() => before.close());
  const old = await submit(before, 'PQRST6789U', 'Old Key');
  await before.host.stop();

  // The same database, the API restarted with the rotated keyring (and a client of its own there).
  const rotated = await rotateKeyring(first);
  const after = await startApiUnderTest({ ...env(rotated), DATABASE_URL: before.database.url });
  t.teardown(() => after.close());
  const fresh = await submit(after, 'UVWXY1234Z', 'New Key');
  t.deepEqual(await sealedKeys(after), ['k1', 'k1', 'k2', 'k2']);
  t.is(await nameOf(after, fresh), 'New Key');
  t.is((await after.request(`/applications/${old}`)).status, 404, "the first client's application");
  const asFirst = (id: string) =>
    checkedFetch(`${after.url}/applications/${id}`, { headers: before.client.headers });
  t.is(((await (await asFirst(old)).json()) as { applicant_name: string }).applicant_name, 'Old Key');

  const { stdout } = await run(process.execPath, [PERSONAL_DATA_CLI, 'reencrypt'], {
    env: {
      ...process.env,
      DATABASE_URL: before.database.url,
      PII_KEYRING: serializeKeyring(rotated),
      PII_BLIND_INDEX_KEY: TEST_KEYS.env.PII_BLIND_INDEX_KEY,
    },
  });
  t.regex(stdout, /1 application\(s\) sealed again under k2/);
  t.deepEqual(await sealedKeys(after), ['k2', 'k2', 'k2', 'k2']);
  t.is(((await (await asFirst(old)).json()) as { applicant_name: string }).applicant_name, 'Old Key');
  t.is(await nameOf(after, fresh), 'New Key');
  t.false((await Keyring.open(first)).ids.includes('k2'), 'the first keyring alone could not open them now');
});

test('DELETE …/personal-data erases the PAN and name at once, idempotently; the application and its decision stay; another client gets 404', async (t) => {
  const api = await startApiUnderTest({ RELAY_ENABLED: 'false' });
  t.teardown(() => api.close());
  const id = await submit(api, 'ABCDE1234F', 'Asha Verma');
  await api.database
    .em()
    .execute(
      `update applications set status = 'PRE_APPROVED', cibil_score = 790, decided_at = now() where id = ?`,
      [id],
    );

  const erase = () => api.request(`/applications/${id}/personal-data`, { method: 'DELETE' });
  t.is((await erase()).status, 204);
  t.is((await erase()).status, 204, 'idempotent');
  const after = (await (await api.request(`/applications/${id}`)).json()) as Record<string, unknown>;
  t.like(after, {
    application_id: id,
    status: 'PRE_APPROVED',
    cibil_score: 790,
    pan_number: null,
    applicant_name: null,
  });
  t.regex(String(after.personal_data_erased_at), /^\d{4}-\d\d-\d\dT/);
  const [row] = await api.database
    .em()
    .execute<Record<string, unknown>[]>(
      'select pan_sealed, pan_blind_index, pan_masked, applicant_name_sealed from applications where id = ?',
      [id],
    );
  t.deepEqual(row, {
    pan_sealed: null,
    pan_blind_index: null,
    pan_masked: null,
    applicant_name_sealed: null,
  });

  const other = await createTestClient(api.apiDatabase);
  t.is(
    (
      await checkedFetch(`${api.url}/applications/${id}/personal-data`, {
        method: 'DELETE',
        headers: other.headers,
      })
    ).status,
    404,
  );
  t.is((await api.request(`/applications/${randomUUID()}/personal-data`, { method: 'DELETE' })).status, 404);
  const readOnly = await createTestClient(api.apiDatabase, { scopes: ['applications:read'] });
  t.is(
    (
      await checkedFetch(`${api.url}/applications/${id}/personal-data`, {
        method: 'DELETE',
        headers: readOnly.headers,
      })
    ).status,
    403,
  );
  // The application itself is not deleted, so DELETE on it is a method its path does not take.
  const onTheApplication = await api.request(`/applications/${id}`, { method: 'DELETE' });
  t.is(onTheApplication.status, 405);
  t.is(onTheApplication.headers.get('allow'), 'HEAD, GET');
});

test("a data principal's request erases every application of a PAN, found by the blind index", async (t) => {
  const api = await startApiUnderTest({ RELAY_ENABLED: 'false' });
  t.teardown(() => api.close());
  const [a, b] = [
    await submit(api, 'KLMNO1234P', 'One'),
    await submit(api, 'klmno1234p'.toUpperCase(), 'Two'),
  ];
  const other = await submit(api, 'ABCDE1234F', 'Three');
  const { stdout } = await run(process.execPath, [PERSONAL_DATA_CLI, 'erase', '--pan', 'klmno1234p'], {
    env: { ...process.env, DATABASE_URL: api.database.url, ...TEST_KEYS.env },
  });
  t.regex(stdout, /personal data of 2 application\(s\) of PAN \*{6}234P erased/);
  t.false(stdout.toUpperCase().includes('KLMNO1234P'));
  for (const id of [a, b])
    t.like(await (await api.request(`/applications/${id}`)).json(), { pan_number: null });
  t.like(await (await api.request(`/applications/${other}`)).json(), {
    pan_number: '******234F',
    applicant_name: 'Three',
  });
});

test('rows from before sealing: the migration that drops the plaintext refuses until pii-convert sealed them', async (t) => {
  const { databaseUrl } = await stack();
  const database = await createTestDatabase(databaseUrl);
  t.teardown(() => database.drop());
  const orm = await createOrm({ connection: pgConnectionOf(database.url), poolSize: 1 });
  t.teardown(() => orm.close(true));
  const upTo = (name: string) => orm.migrator.up({ to: name });
  const names = migrations.map((Migration) => new Migration(orm.em.getDriver(), orm.config).name);
  await upTo(names[names.indexOf('20261201020000_sealed_personal_data')] ?? '');
  const id = randomUUID();
  await orm.em.fork().execute(
    `insert into applications (id, pan_number, applicant_name, monthly_income_inr, loan_amount_inr, status, correlation_id, client_id)
     values (?, 'ZYXWV9876U', 'Before Sealing', 1000, 2000, 'PENDING', 'c', 'x')`,
    [id],
  );
  await t.throwsAsync(orm.migrator.up(), { message: /run make pii-convert/ });

  const env = { ...process.env, DATABASE_URL: database.url, ...TEST_KEYS.env };
  const { stdout } = await run(process.execPath, [PERSONAL_DATA_CLI, 'convert'], { env });
  t.regex(stdout, /1 application\(s\) sealed/);
  t.deepEqual(
    (await orm.migrator.up()).map((migration) => migration.name),
    names.slice(names.indexOf('20261201030000_drop_plaintext_personal_data')),
    'the plaintext is dropped, and every later migration applied',
  );
  const [row] = await orm.em
    .fork()
    .execute<Record<string, unknown>[]>('select * from applications where id = ?', [id]);
  t.is(row?.pan_masked, '******876U');
  t.false(JSON.stringify(row).toUpperCase().includes('ZYXWV9876U'));
});
