import type { EntityManager } from '@mikro-orm/postgresql';

export type DatabaseService = 'prequal-api' | 'decision-service';

type Privilege = 'SELECT' | 'INSERT' | 'UPDATE' | 'DELETE';

/**
 * What each service's role may do, table by table, and nothing else: no other table, no DDL (the
 * schema belongs to the role that migrates), no TRUNCATE. `SELECT ... FOR UPDATE` (claiming outbox
 * rows, deciding pending applications) needs UPDATE. credit-service has no database.
 */
export const SERVICE_PRIVILEGES: Readonly<
  Record<DatabaseService, Readonly<Record<string, readonly Privilege[]>>>
> = {
  'prequal-api': {
    applications: ['SELECT', 'INSERT', 'UPDATE'], // submit, read, erase personal data
    outbox: ['SELECT', 'INSERT', 'UPDATE', 'DELETE'], // enqueue, relay, prune
    api_clients: ['SELECT'],
    api_keys: ['SELECT', 'UPDATE'], // last use of a key
    mikro_orm_migrations: ['SELECT'], // /ready checks the schema
  },
  'decision-service': {
    applications: ['SELECT', 'UPDATE'], // decide pending applications
    outbox: ['SELECT', 'INSERT', 'UPDATE', 'DELETE'],
    processed_events: ['SELECT', 'INSERT', 'DELETE'], // idempotence, prune
    mikro_orm_migrations: ['SELECT'],
  },
};

/** Sequences whose next value an INSERT of a service takes. */
const SEQUENCES: Readonly<Record<string, string>> = { outbox: 'outbox_id_seq' };

function quoted(identifier: string): string {
  return `"${identifier.replaceAll('"', '""')}"`;
}

/**
 * The statements that leave `role` with exactly the privileges of `service` on our tables: all
 * others are revoked first, so a privilege dropped from the table above is taken back too.
 */
export function grantStatements(service: DatabaseService, role: string): string[] {
  const tables = Object.entries(SERVICE_PRIVILEGES[service]);
  return [
    `REVOKE ALL ON ALL TABLES IN SCHEMA public FROM ${quoted(role)}`,
    `REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM ${quoted(role)}`,
    `GRANT USAGE ON SCHEMA public TO ${quoted(role)}`,
    ...tables.map(
      ([table, privileges]) => `GRANT ${privileges.join(', ')} ON ${quoted(table)} TO ${quoted(role)}`,
    ),
    ...tables.flatMap(([table, privileges]) => {
      const sequence = SEQUENCES[table];
      return sequence && privileges.includes('INSERT')
        ? [`GRANT USAGE ON SEQUENCE ${quoted(sequence)} TO ${quoted(role)}`]
        : [];
    }),
  ];
}

/**
 * Grants each service's role its privileges, for the roles that exist (a deployment without
 * separate roles has none); run after the migrations, as the schema's owner. Returns what it did.
 */
export async function grantServicePrivileges(
  em: EntityManager,
  roles: Readonly<Partial<Record<DatabaseService, string>>>,
): Promise<{ granted: string[]; missing: string[] }> {
  const granted: string[] = [];
  const missing: string[] = [];
  for (const [service, role] of Object.entries(roles) as [DatabaseService, string][]) {
    const exists = await em
      .getConnection()
      .execute<{ exists: boolean }[]>('select exists (select 1 from pg_roles where rolname = ?) as exists', [
        role,
      ]);
    if (!exists[0]?.exists) {
      missing.push(role);
      continue;
    }
    await em.transactional(async (tx) => {
      for (const statement of grantStatements(service, role)) await tx.execute(statement);
    });
    granted.push(`${role} (${service})`);
  }
  return { granted, missing };
}

/** Parses `prequal-api=prequal_api,decision-service=decision_service`. */
export function parseServiceRoles(value: string): Partial<Record<DatabaseService, string>> {
  const roles: Partial<Record<DatabaseService, string>> = {};
  for (const pair of value.split(',').filter(Boolean)) {
    const [service, role] = pair.split('=');
    if ((service !== 'prequal-api' && service !== 'decision-service') || !role)
      throw new Error(`DATABASE_SERVICE_ROLES: "${pair}" is not <prequal-api|decision-service>=<role>`);
    roles[service] = role;
  }
  return roles;
}
