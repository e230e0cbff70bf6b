import type { EntityManager } from '@mikro-orm/postgresql';
import { topicTable } from '@prequal/events';
import { APPLICATION_COLUMNS } from './applications.ts';
import { outboxColumns } from './outbox-table.ts';
import { placeholders } from './sql.ts';

export type DatabaseService = 'prequal-api' | 'decision-service';

type TablePrivilege = 'SELECT' | 'INSERT' | 'DELETE';

/**
 * A table's privileges for a role: whole-table ones, and SELECT, INSERT or UPDATE of the named
 * columns only.
 */
interface TableGrant {
  readonly privileges: readonly TablePrivilege[];
  readonly select?: readonly string[];
  readonly insert?: readonly string[];
  readonly update?: readonly string[];
}

/**
 * The outbox for a relay: enqueue (the columns of an event, never its writer, id or publishing
 * state), claim and publish, record why a send failed, prune. Row-level security keeps each role to
 * the rows it wrote (migrations OutboxWriters, WritersOnly).
 */
const OUTBOX_RELAY: TableGrant = {
  privileges: ['SELECT', 'DELETE'],
  insert: outboxColumns,
  update: ['published_at', 'attempts', 'last_error'],
};

/** The columns of an application that hold no personal data. */
const APPLICATION_FACTS = [
  'id',
  'monthly_income_inr',
  'loan_amount_inr',
  'loan_type',
  'status',
  'cibil_score',
  'decision_reason',
  'correlation_id',
  'client_id',
  'created_at',
  'updated_at',
  'decided_at',
  'pii_erased_at',
];

/**
 * What each service's role may do, table by table and column by column, and nothing else: no
 * other table, no DDL (the schema belongs to the role that migrates), no TRUNCATE. prequal-api
 * inserts applications PENDING (the columns of a submission; the status is the default) and may
 * erase personal data, but never set a status, a score or a decision; decision-service may decide
 * but never read or touch personal data; neither may change what an outbox row says or where it
 * goes. `SELECT ... FOR UPDATE` (claiming outbox rows, deciding pending applications) needs UPDATE
 * of some column. credit-service has no database.
 */
export const SERVICE_PRIVILEGES: Readonly<Record<DatabaseService, Readonly<Record<string, TableGrant>>>> = {
  'prequal-api': {
    applications: {
      privileges: ['SELECT'], // read (its clients' own, which the API checks)
      insert: APPLICATION_COLUMNS, // submit
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
    outbox: OUTBOX_RELAY,
    api_clients: { privileges: ['SELECT'] },
    api_keys: { privileges: ['SELECT'], update: ['last_used_at'] }, // a key's last use, never its revocation
    mikro_orm_migrations: { privileges: ['SELECT'] }, // /ready checks the schema
  },
  'decision-service': {
    applications: {
      privileges: [],
      select: APPLICATION_FACTS,
      update: ['status', 'cibil_score', 'decision_reason', 'decided_at', 'updated_at'], // decide pending ones
    },
    outbox: OUTBOX_RELAY,
    processed_events: { privileges: ['SELECT', 'INSERT', 'DELETE'] }, // idempotence, prune
    mikro_orm_migrations: { privileges: ['SELECT'] },
  },
};

/** The event types each service's relay publishes: rows from before writers were recorded go to it. */
const SERVICE_EVENT_TYPES: Readonly<Record<DatabaseService, readonly string[]>> = {
  'prequal-api': [topicTable.loan_applications_submitted],
  'decision-service': [topicTable.loan_decisions_made],
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
    ...tables.flatMap(([table, grant]) => [
      ...(grant.privileges.length > 0
        ? [`GRANT ${grant.privileges.join(', ')} ON ${quoted(table)} TO ${quoted(role)}`]
        : []),
      ...(['select', 'insert', 'update'] as const).flatMap((verb) => {
        const columns = grant[verb] ?? [];
        return columns.length > 0
          ? [
              `GRANT ${verb.toUpperCase()} (${columns.map(quoted).join(', ')}) ON ${quoted(table)} TO ${quoted(role)}`,
            ]
          : [];
      }),
    ]),
    ...tables.flatMap(([table, { privileges, insert = [] }]) => {
      const sequence = SEQUENCES[table];
      return sequence && (privileges.includes('INSERT') || insert.length > 0)
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
      // Rows enqueued before the outbox recorded writers belong to the service of their event type.
      await tx.execute(
        `update outbox set written_by = ? where written_by is null and event_type in (${placeholders(SERVICE_EVENT_TYPES[service].length)})`,
        [role, ...SERVICE_EVENT_TYPES[service]],
        'run',
      );
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
