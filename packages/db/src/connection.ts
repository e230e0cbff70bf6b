import type { ConnectionOptions } from 'node:tls';
import { ConfigError, optionalSecret, readSecretFile } from '@prequal/service-kit';
import type { DatabaseConnectionSettings } from './settings.ts';

/** How to reach PostgreSQL: a URL (password included, TLS parameters taken out) and pg's TLS options. */
export interface PgConnection {
  readonly url: string;
  /** pg's `ssl`: false for none; the CA and whether the host name is checked otherwise. */
  readonly ssl: false | ConnectionOptions;
  /** user@host:port/database and the TLS mode, for logs (no password). */
  readonly description: string;
}

// libpq's sslmode values; `allow` and `prefer` (TLS when the server offers it) have no meaning to
// pg, which either asks for TLS or does not, so they are refused rather than guessed at.
const SSL_MODES = ['disable', 'require', 'verify-ca', 'verify-full'] as const;
type SslMode = (typeof SSL_MODES)[number];
// pg-connection-string reads these from the URL too; taken out so that the options below are the
// only ones that count.
const TLS_PARAMETERS = ['sslmode', 'sslrootcert', 'sslcert', 'sslkey', 'ssl', 'uselibpqcompat'];

/**
 * The connection DATABASE_URL describes, with libpq's meaning of `sslmode`: `require` encrypts and,
 * like libpq, verifies the server's certificate only when a CA is given (DATABASE_SSL_CA_FILE or
 * `sslrootcert`); `verify-ca` checks the certificate against the CA; `verify-full` also checks that
 * it names the host. DATABASE_PASSWORD_FILE (a secret mount) replaces the URL's password.
 */
export function pgConnection(settings: DatabaseConnectionSettings): PgConnection {
  const url = new URL(settings.DATABASE_URL);
  const mode = sslModeOf(url.searchParams.get('sslmode'));
  const caFile =
    settings.DATABASE_SSL_CA_FILE === ''
      ? (url.searchParams.get('sslrootcert') ?? '')
      : settings.DATABASE_SSL_CA_FILE;
  if (caFile && mode === 'disable')
    throw new ConfigError(
      'DATABASE_SSL_CA_FILE is set, but DATABASE_URL has no sslmode (add ?sslmode=verify-full)',
    );
  const password = optionalSecret('', settings.DATABASE_PASSWORD_FILE, 'DATABASE_PASSWORD');
  if (password !== undefined) url.password = encodeURIComponent(password);
  for (const name of TLS_PARAMETERS) url.searchParams.delete(name);
  const ssl = tlsOptions(mode, caFile);
  return {
    url: url.toString(),
    ssl,
    description: `${decodeURIComponent(url.username)}@${url.host}${url.pathname} (sslmode ${mode}${caFile ? ', own CA' : ''})`,
  };
}

/** A connection to a URL with nothing else configured (tests, tools). */
export function pgConnectionOf(databaseUrl: string): PgConnection {
  return pgConnection({ DATABASE_URL: databaseUrl, DATABASE_PASSWORD_FILE: '', DATABASE_SSL_CA_FILE: '' });
}

/** The same connection to another database of the server (tests make their own). */
export function withDatabaseName(connection: PgConnection, database: string): PgConnection {
  const url = new URL(connection.url);
  const before = url.pathname;
  url.pathname = `/${database}`;
  return {
    ...connection,
    url: url.toString(),
    description: connection.description.replace(before, url.pathname),
  };
}

function sslModeOf(value: string | null): SslMode {
  if (value === null) return 'disable';
  if ((SSL_MODES as readonly string[]).includes(value)) return value as SslMode;
  throw new ConfigError(`DATABASE_URL: sslmode=${value} is not supported (use ${SSL_MODES.join(', ')})`);
}

function tlsOptions(mode: SslMode, caFile: string): false | ConnectionOptions {
  if (mode === 'disable') return false;
  const ca = caFile ? readSecretFile(caFile, 'DATABASE_SSL_CA_FILE') : undefined;
  if (mode === 'require' && ca === undefined) return { rejectUnauthorized: false };
  return {
    ...(ca === undefined ? {} : { ca }),
    rejectUnauthorized: true,
    // verify-ca: the chain, not the name.
    ...(mode === 'verify-ca' || mode === 'require' ? { checkServerIdentity: () => undefined } : {}),
  };
}
