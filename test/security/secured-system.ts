import {
  applyAcls,
  defaultServiceAccess,
  removeAcls,
  serviceAcls,
  type ServiceAccess,
} from '@prequal/messaging';
import { grantServicePrivileges } from '@prequal/db';
import {
  createMigratedDatabase,
  createPipelineHarness,
  createTestClient,
  spawnService,
  workerEnv,
  type MigratedDatabase,
  type PipelineHarness,
  type SecuredStack,
  type ServiceProcess,
} from '@prequal/testkit';
import type { Api } from '../e2e/system-under-test.ts';

/** The database roles of the native stack that the services sign in as. */
export const SERVICE_ROLES = {
  'prequal-api': 'prequal_api',
  'decision-service': 'decision_service',
} as const;

export interface SecuredSystem {
  readonly secured: SecuredStack;
  readonly harness: PipelineHarness;
  readonly database: MigratedDatabase;
  readonly access: ServiceAccess;
  readonly api: Api;
  readonly services: Record<'prequal-api' | 'credit-service' | 'decision-service', ServiceProcess>;
  stop(): Promise<void>;
}

/**
 * The three services as processes on the secured stack, each as its own principal: its Kafka
 * user on the SASL_SSL listener (with only the ACLs of make kafka-acls, for this test's topics
 * and groups), its PostgreSQL role over TLS with the host name checked (with only the privileges
 * of make db-migrate), the registry's read-only user. The topics, schemas and the database are
 * made by the admin, as init does.
 */
export async function startSecuredSystem(secured: SecuredStack): Promise<SecuredSystem> {
  const harness = await createPipelineHarness(3);
  const database = await createMigratedDatabase(harness.endpoints.databaseUrl);
  const databaseName = new URL(database.url).pathname.slice(1);
  await database.em().execute(`grant connect on database "${databaseName}" to prequal_api, decision_service`);
  await grantServicePrivileges(database.em(), SERVICE_ROLES);

  const defaults = defaultServiceAccess();
  const access: ServiceAccess = {
    principals: defaults.principals,
    groups: { 'credit-service': `${harness.prefix}credit`, 'decision-service': `${harness.prefix}decision` },
  };
  const admin = harness.kafka.admin();
  await admin.connect();
  const acls = serviceAcls(harness.topics, access);
  await applyAcls(admin, acls);

  // Everything a service would read from the stack's admin settings is replaced by its own.
  const base: NodeJS.ProcessEnv = {
    ...workerEnv(harness, database.url),
    ...secured.registryReader,
    LOG_LEVEL: 'info',
    HOST: '127.0.0.1',
  };
  const { PII_KEYRING: _keyring, PII_BLIND_INDEX_KEY: _blindIndexKey, ...withoutKeys } = base;
  // credit-service has no database; it does not get the admin's URL either.
  const { DATABASE_URL: _adminUrl, ...withoutDatabase } = base;
  const [api, credit, decision] = await Promise.all([
    spawnService('prequal-api', {
      ...base,
      ...secured.kafkaUser('prequal-api'),
      ...secured.databaseRole('prequal_api', databaseName),
    }),
    spawnService('credit-service', {
      ...withoutDatabase,
      ...secured.kafkaUser('credit-service'),
      CONSUMER_GROUP: access.groups['credit-service'],
    }),
    spawnService('decision-service', {
      ...withoutKeys,
      ...secured.kafkaUser('decision-service'),
      ...secured.databaseRole('decision_service', databaseName),
      CONSUMER_GROUP: access.groups['decision-service'],
    }),
  ]);
  const client = await createTestClient(database);
  return {
    secured,
    harness,
    database,
    access,
    api: { url: `http://127.0.0.1:${api.port}`, headers: client.headers },
    services: { 'prequal-api': api, 'credit-service': credit, 'decision-service': decision },
    stop: async () => {
      await Promise.all([api.stop(), credit.stop(), decision.stop()]);
      await removeAcls(admin, acls).catch(() => undefined);
      await admin.disconnect();
      await database.drop();
      await harness.dispose();
    },
  };
}
