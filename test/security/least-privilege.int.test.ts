import test, { type ExecutionContext } from 'ava';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { EntityManager } from '@mikro-orm/postgresql';
import pg from 'pg';
import { grantServicePrivileges, pgConnection } from '@prequal/db';
import { createMigratedDatabase, securedStack, stack, uniqueName, type SecuredStack } from '@prequal/testkit';
import { registryAccessFromEnv } from '../../packages/schema-tools/src/registry/registry-access.ts';
import { RegistryClient, RegistryError } from '../../packages/schema-tools/src/registry/registry-client.ts';
import { SERVICE_ROLES } from './secured-system.ts';

const secured = securedStack();

/** A test on the native stack (make stack-up), which has the roles and users; skipped on testcontainers. */
function securedTest(title: string, body: (t: ExecutionContext, side: SecuredStack) => Promise<void>): void {
  if (secured) test(title, (t) => body(t, secured));
  else test.skip(title, () => undefined);
}

/** A connection as a role of the stack, over TLS with the server's name checked. */
async function connectAs(stackSide: SecuredStack, role: string, database: string): Promise<pg.Client> {
  const settings = stackSide.databaseRole(role, database);
  const { url, ssl } = pgConnection({
    DATABASE_URL: settings.DATABASE_URL ?? '',
    DATABASE_SSL_CA_FILE: settings.DATABASE_SSL_CA_FILE ?? '',
    DATABASE_PASSWORD_FILE: settings.DATABASE_PASSWORD_FILE ?? '',
  });
  const client = new pg.Client({ connectionString: url, ssl });
  await client.connect();
  return client;
}

async function sqlState(client: pg.Client, sql: string): Promise<string | undefined> {
  try {
    await client.query(sql);
    return undefined;
  } catch (error) {
    return (error as { code?: string }).code;
  }
}

const INSUFFICIENT_PRIVILEGE = '42501';

/** A migrated database of the test's own, granted as make db-migrate grants, and each service's role on it. */
async function rolesOnANewDatabase(
  t: ExecutionContext,
  side: SecuredStack,
  beforeGrants?: (em: EntityManager) => Promise<void>,
): Promise<{ api: pg.Client; decision: pg.Client; owner: EntityManager }> {
  const database = await createMigratedDatabase((await stack()).databaseUrl);
  t.teardown(() => database.drop());
  const name = new URL(database.url).pathname.slice(1);
  await database.em().execute(`grant connect on database "${name}" to prequal_api, decision_service`);
  await beforeGrants?.(database.em());
  await grantServicePrivileges(database.em(), SERVICE_ROLES);
  const api = await connectAs(side, 'prequal_api', name);
  t.teardown(() => api.end());
  const decision = await connectAs(side, 'decision_service', name);
  t.teardown(() => decision.end());
  return { api, decision, owner: database.em() };
}

securedTest(
  "prequal-api's database role reads and writes its tables over TLS, and cannot drop, alter or truncate them",
  async (t, side) => {
    const { api, decision } = await rolesOnANewDatabase(t, side);
    const { rows } = await api.query<{ ssl: boolean }>(
      'select ssl from pg_stat_ssl where pid = pg_backend_pid()',
    );
    t.true(rows[0]?.ssl, 'the connection is encrypted');
    t.is(await sqlState(api, 'select count(*) from applications'), undefined);
    t.is(await sqlState(api, 'select count(*) from api_keys'), undefined);
    for (const statement of [
      'drop table applications',
      'alter table applications add column extra int',
      'alter table outbox drop column payload',
      'truncate outbox',
      'delete from applications',
      'create table stolen (pan text)',
      'select * from processed_events',
    ]) {
      t.is(await sqlState(api, statement), INSUFFICIENT_PRIVILEGE, statement);
    }

    t.is(await sqlState(decision, 'select count(*) from processed_events'), undefined);
    t.is(await sqlState(decision, 'select key_hash from api_keys'), INSUFFICIENT_PRIVILEGE, 'no API keys');
    t.is(await sqlState(decision, 'drop table processed_events'), INSUFFICIENT_PRIVILEGE);
  },
);

securedTest(
  'neither service can change what the other decides or holds: column grants and outbox rows of their writer only',
  async (t, side) => {
    const { api, decision } = await rolesOnANewDatabase(t, side);

    for (const statement of [
      "update applications set status = 'APPROVED'",
      'update applications set cibil_score = 900, decided_at = now()',
      "update applications set decision_reason = 'forged'",
      'update api_keys set revoked_at = null',
      "update outbox set payload = '{}'::jsonb",
      "update outbox set topic = 'loan_decisions_made'",
      "update outbox set written_by = 'decision_service'",
      `insert into outbox (topic, message_key, event_id, event_type, correlation_id, payload, created_at, written_by)
       values ('loan_decisions_made', 'k', gen_random_uuid(), 'LoanDecisionMade', 'c', '{}', now(), 'decision_service')`,
      // an application inserted already decided, and outbox ids taken ahead of the sequence
      `insert into applications (id, monthly_income_inr, loan_amount_inr, status, cibil_score, decided_at, correlation_id, client_id)
       values (gen_random_uuid(), 1, 1000000, 'PRE_APPROVED', 900, now(), 'c', 'victim')`,
      `insert into outbox (id, topic, message_key, event_id, event_type, correlation_id, payload, created_at)
       values (1000000, 'x', 'k', gen_random_uuid(), 't', 'c', '{}', now())`,
    ]) {
      t.is(await sqlState(api, statement), INSUFFICIENT_PRIVILEGE, `prequal-api: ${statement}`);
    }
    t.is(
      await sqlState(
        api,
        'update applications set pan_sealed = null, pan_blind_index = null, pan_masked = null, applicant_name_sealed = null, pii_erased_at = now(), updated_at = now() where false',
      ),
      undefined,
      'prequal-api erases personal data',
    );
    t.is(
      await sqlState(
        api,
        `insert into applications (id, pan_sealed, pan_blind_index, pan_masked, monthly_income_inr, loan_amount_inr, correlation_id, client_id, created_at, updated_at)
         values (gen_random_uuid(), 's', 'b', '******234F', 1, 1, 'c', 'client', now(), now())`,
      ),
      undefined,
      'prequal-api submits (the status is the default, PENDING)',
    );
    for (const statement of [
      'select pan_masked from applications',
      'select pan_blind_index, applicant_name_sealed from applications',
      'select * from applications',
      "update applications set pan_masked = 'XXXXX0000X'",
      'update applications set applicant_name_sealed = null',
      `insert into applications (id, monthly_income_inr, loan_amount_inr, status, correlation_id, created_at, updated_at)
       values (gen_random_uuid(), 1, 1, 'PENDING', 'c', now(), now())`,
    ]) {
      t.is(await sqlState(decision, statement), INSUFFICIENT_PRIVILEGE, `decision-service: ${statement}`);
    }

    // Each relay sees, claims and prunes only the rows its own service wrote.
    const enqueue = (client: pg.Client, topic: string) =>
      client.query<{ id: string; written_by: string }>(
        `insert into outbox (topic, message_key, event_id, event_type, correlation_id, payload, created_at)
         values ($1, 'k', gen_random_uuid(), 'Probe', 'c', '{}', now()) returning id, written_by`,
        [topic],
      );
    t.is(
      await sqlState(decision, "select count(*), max(decided_at) from applications where status = 'PENDING'"),
      undefined,
      'decision-service reads the facts it decides on',
    );
    const decided = (await enqueue(decision, 'loan_decisions_made')).rows[0];
    const submitted = (await enqueue(api, 'loan_applications_submitted')).rows[0];
    t.is(decided?.written_by, 'decision_service');
    t.is(submitted?.written_by, 'prequal_api');
    const visible = async (client: pg.Client) =>
      (await client.query<{ id: string }>('select id from outbox order by id')).rows.map((row) => row.id);
    t.deepEqual(await visible(api), [submitted?.id]);
    t.deepEqual(await visible(decision), [decided?.id]);
    const claimed = await api.query(
      "update outbox set published_at = now(), attempts = attempts + 1 where topic = 'loan_decisions_made'",
    );
    t.is(claimed.rowCount, 0, "prequal-api cannot claim decision-service's rows");
    t.is((await api.query('delete from outbox')).rowCount, 1, 'prequal-api prunes only its own row');
    t.deepEqual(await visible(decision), [decided?.id]);

    // An event id another writer is bound to use (they are derived, so predictable) blocks nothing.
    const eventId = randomUUID();
    const enqueueEvent = (client: pg.Client) =>
      client.query(
        `insert into outbox (topic, message_key, event_id, event_type, correlation_id, payload, created_at)
         values ('loan_decisions_made', 'k', $1, 'Probe', 'c', '{}', now())`,
        [eventId],
      );
    await enqueueEvent(api);
    await t.notThrowsAsync(enqueueEvent(decision));
  },
);

securedTest(
  'outbox rows from before writers were recorded go to the role of the service that publishes their event type',
  async (t, side) => {
    const { api, decision, owner } = await rolesOnANewDatabase(t, side, async (em) => {
      for (const [topic, type] of [
        ['loan_applications_submitted', 'in.prequal.loan.LoanApplicationSubmitted'],
        ['loan_decisions_made', 'in.prequal.loan.LoanDecisionMade'],
      ] as const) {
        await em.execute(
          `insert into outbox (topic, message_key, event_id, event_type, correlation_id, payload, created_at, written_by)
           values (?, 'k', gen_random_uuid(), ?, 'c', '{}', now(), null)`,
          [topic, type],
        );
      }
    });
    const topics = async (client: pg.Client) =>
      (await client.query<{ topic: string }>('select topic from outbox')).rows.map((row) => row.topic);
    t.deepEqual(await topics(api), ['loan_applications_submitted']);
    t.deepEqual(await topics(decision), ['loan_decisions_made']);
    const [unowned] = await owner.execute<{ count: string }[]>(
      'select count(*) as count from outbox where written_by is null',
    );
    t.is(Number(unowned?.count), 0);
  },
);

securedTest('a service role may not connect to a database it was not granted', async (t, side) => {
  const database = await createMigratedDatabase((await stack()).databaseUrl);
  t.teardown(() => database.drop());
  const name = new URL(database.url).pathname.slice(1);
  await database.em().execute(`revoke connect on database "${name}" from public`);
  const error = await t.throwsAsync(connectAs(side, 'prequal_api', name));
  t.is((error as { code?: string }).code, INSUFFICIENT_PRIVILEGE);
});

securedTest('a service role may not sign in without TLS, even with its password', async (t, side) => {
  const settings = side.databaseRole('prequal_api', 'prequal');
  const url = new URL(settings.DATABASE_URL ?? '');
  url.search = '';
  url.password = readFileSync(settings.DATABASE_PASSWORD_FILE ?? '', 'utf8').trim();
  const client = new pg.Client({ connectionString: url.toString(), ssl: false });
  const error = await t.throwsAsync(client.connect());
  t.is((error as { code?: string }).code, '28000', String(error)); // no pg_hba.conf entry without encryption
  t.regex(String(error), /no encryption/);
});

securedTest(
  "the services' registry user reads schemas but may not register one; no password, no answer",
  async (t, side) => {
    const url = (await stack()).schemaRegistryUrl;
    const subject = `${uniqueName('least_privilege')}-value`;
    const admin = new RegistryClient(url, registryAccessFromEnv());
    const reader = new RegistryClient(
      url,
      registryAccessFromEnv({ ...process.env, ...side.registryReader, SCHEMA_REGISTRY_PASSWORD: undefined }),
    );
    const schema = JSON.stringify({ type: 'record', name: 'Probe', fields: [{ name: 'a', type: 'string' }] });

    const refused = await t.throwsAsync(reader.register(subject, schema));
    t.true(refused instanceof RegistryError && refused.status === 403, String(refused));
    await admin.register(subject, schema);
    t.like(await reader.lookup(subject, schema), { subject, version: 1 });

    const anonymous = new RegistryClient(
      url,
      registryAccessFromEnv({ SCHEMA_REGISTRY_CA_FILE: side.caFile }),
    );
    const unauthenticated = await t.throwsAsync(anonymous.versions(subject));
    t.true(
      unauthenticated instanceof RegistryError && unauthenticated.status === 401,
      String(unauthenticated),
    );
  },
);
