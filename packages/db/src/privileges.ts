import type { EntityManager } from '@mikro-orm/postgresql';

export type DatabaseService = 'prequal-api' | 'decision-service';

type TablePrivilege = 'SELECT' | 'INSERT' | 'DELETE';

/** A table's privileges for a role: whole-table ones, and UPDATE of the named columns only. */
interface TableGrant {
  readonly privileges: readonly TablePrivilege[];
  readonly update?: readonly string[];
}

/** The outbox columns a relay changes: claiming and publishing a row, recording why a send failed. */
const OUTBOX_RELAY: TableGrant = {
  privileges: ['SELECT', 'INSERT', 'DELETE'],
  update: ['published_at', 'attempts', 'last_error'],
};

/**
 * What each service's role may do, table by table and column by column, and nothing else: no
 * other table, no DDL (the schema belongs to the role that migrates), no TRUNCATE. prequal-api may
 * erase personal data but never set a status, a score or a decision; decision-service may decide
 * but never touch personal data; neither may change what an outbox row says or where it goes,
 * and row-level security keeps each to the outbox rows it wrote (migration OutboxWriters).
 * `SELECT ... FOR UPDATE` (claiming outbox rows, deciding pending applications) needs UPDATE of
 * some column. credit-service has no database.
 */
export const SERVICE_PRIVILEGES: Readonly<Record<DatabaseService, Readonly<Record<string, TableGrant>>>> = {
  'prequal-api': {
    applications: {
      privileges: ['SELECT', 'INSERT'], // submit, read
      // erase personal data (on request, by retention)
      update: [
        'pan_sealed',
        'pan_blind_index',
        'pan_masked',
        'applicant_name_sealed',
        'pii_erased_at',
        'updated_at',
      ],
    },
    outbox: OUTBOX_RELAY, // enqueue, relay, prune
    api_clients: { privileges: ['SELECT'] },
    api_keys: { privileges: ['SELECT'], update: ['last_used_at'] }, // a key's last use, never its revocation
    mikro_orm_migrations: { privileges: ['SELECT'] }, // /ready checks the schema
  },
  'decision-service': {
    applications: {
      privileges: ['SELECT'],
      update: ['status', 'cibil_score', 'decision_reason', 'decided_at', 'updated_at'], // decide pending ones
    },
    outbox: OUTBOX_RELAY,
    processed_events: { privileges: ['SELECT', 'INSERT', 'DELETE'] }, // idempotence, prune
    mikro_orm_migrations: { privileges: ['SELECT'] },
  },
};

/** Sequences whose next value an INSERT of a service takes. */
const SEQUENCES: Readonly<Record<string, string>> = { outbox: 'outbox_id_seq' };

function quoted(identifier: string): string {
  return `"${identifier.replaceAll('"', '""')}"`;
}

/**
 * The statements that leave `role` with exactly the privileges of `service` on our tables: all
 * others are revoked first (column privileges go with their table's), so a privilege dropped
 * from the table above is taken back too.
 */
export function grantStatements(service: DatabaseService, role: string): string[] {
  const tables = Object.entries(SERVICE_PRIVILEGES[service]);
  return [
    `REVOKE ALL ON ALL TABLES IN SCHEMA public FROM ${quoted(role)}`,
    `REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM ${quoted(role)}`,
    `GRANT USAGE ON SCHEMA public TO ${quoted(role)}`,
    ...tables.flatMap(([table, { privileges, update = [] }]) => [
      ...(privileges.length > 0
        ? [`GRANT ${privileges.join(', ')} ON ${quoted(table)} TO ${quoted(role)}`]
        : []),
      ...(update.length > 0
        ? [`GRANT UPDATE (${update.map(quoted).join(', ')}) ON ${quoted(table)} TO ${quoted(role)}`]
        : []),
    ]),
    ...tables.flatMap(([table, { privileges }]) => {
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
