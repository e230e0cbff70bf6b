import path from 'node:path';

/**
 * The secured side of the native stack (make stack-up): its SASL_SSL listener, its CA and the
 * passwords of its principals, from what .stack/stack.env sets. Undefined on a stack without it
 * (testcontainers).
 */
export interface SecuredStack {
  /** The secured listeners of every node, comma-separated (as KAFKA_BROKERS takes them). */
  readonly kafkaBrokers: string;
  readonly caFile: string;
  /** host:port of PostgreSQL. */
  readonly databaseHost: string;
  /** The file holding a principal's password: `kafka-<user>`, `pg-<role>`, `registry-<user>`. */
  secretFile(name: string): string;
  /** The settings of a Kafka user on the secured listener, as a service reads them. */
  kafkaUser(user: string, password?: string): Record<string, string>;
  /** DATABASE_* settings of a role, over TLS with the host name checked, for a database. */
  databaseRole(role: string, database: string): Record<string, string>;
  /** The registry's read-only user, which the services sign in as. */
  readonly registryReader: Record<string, string>;
}

export function securedStack(env: NodeJS.ProcessEnv = process.env): SecuredStack | undefined {
  const { KAFKA_SECURED_BROKERS, STACK_TLS_CA_FILE, STACK_SECRETS_DIR, STACK_DATABASE_HOST } = env;
  if (!KAFKA_SECURED_BROKERS || !STACK_TLS_CA_FILE || !STACK_SECRETS_DIR || !STACK_DATABASE_HOST)
    return undefined;
  const secretFile = (name: string) => path.join(STACK_SECRETS_DIR, name);
  return {
    kafkaBrokers: KAFKA_SECURED_BROKERS,
    caFile: STACK_TLS_CA_FILE,
    databaseHost: STACK_DATABASE_HOST,
    secretFile,
    kafkaUser: (user, password) => ({
      KAFKA_BROKERS: KAFKA_SECURED_BROKERS,
      KAFKA_SECURITY_PROTOCOL: 'SASL_SSL',
      KAFKA_SASL_MECHANISM: 'SCRAM-SHA-512',
      KAFKA_SSL_CA_FILE: STACK_TLS_CA_FILE,
      KAFKA_SASL_USERNAME: user,
      ...(password === undefined
        ? { KAFKA_SASL_PASSWORD_FILE: secretFile(`kafka-${user}`) }
        : { KAFKA_SASL_PASSWORD: password, KAFKA_SASL_PASSWORD_FILE: '' }),
    }),
    databaseRole: (role, database) => ({
      DATABASE_URL: `postgres://${role}@${STACK_DATABASE_HOST}/${database}?sslmode=verify-full`,
      DATABASE_SSL_CA_FILE: STACK_TLS_CA_FILE,
      DATABASE_PASSWORD_FILE: secretFile(`pg-${role}`),
    }),
    registryReader: {
      SCHEMA_REGISTRY_USERNAME: 'prequal-services',
      SCHEMA_REGISTRY_PASSWORD_FILE: secretFile('registry-prequal-services'),
      SCHEMA_REGISTRY_PASSWORD: '',
    },
  };
}
