import type { ConnectionOptions } from 'node:tls';
import type { KafkaConfig, SASLOptions } from 'kafkajs';
import { ConfigError, optionalSecret, readSecretFile } from '@prequal/service-kit';
import type { KafkaSettings } from './settings.ts';

export type KafkaSecuritySettings = Pick<
  KafkaSettings,
  | 'KAFKA_SECURITY_PROTOCOL'
  | 'KAFKA_SASL_MECHANISM'
  | 'KAFKA_SASL_USERNAME'
  | 'KAFKA_SASL_PASSWORD'
  | 'KAFKA_SASL_PASSWORD_FILE'
  | 'KAFKA_SSL_CA_FILE'
  | 'KAFKA_SSL_CERT_FILE'
  | 'KAFKA_SSL_KEY_FILE'
>;

const TLS_FILES = ['KAFKA_SSL_CA_FILE', 'KAFKA_SSL_CERT_FILE', 'KAFKA_SSL_KEY_FILE'] as const;

const MECHANISMS = {
  'SCRAM-SHA-256': 'scram-sha-256',
  'SCRAM-SHA-512': 'scram-sha-512',
  PLAIN: 'plain',
} as const;

/**
 * kafkajs's `ssl` and `sasl` options for the configured security protocol. Files are read here, at
 * start-up, so a missing CA or password file fails the start instead of the first connection; a
 * setting the protocol would ignore (a CA with PLAINTEXT, a password without SASL) is refused, so
 * nobody believes a connection secured that is not.
 */
export function kafkaSecurity(settings: KafkaSecuritySettings): Pick<KafkaConfig, 'ssl' | 'sasl'> {
  const protocol = settings.KAFKA_SECURITY_PROTOCOL;
  const withTls = protocol === 'SSL' || protocol === 'SASL_SSL';
  const withSasl = protocol === 'SASL_PLAINTEXT' || protocol === 'SASL_SSL';

  const tlsFilesSet = TLS_FILES.filter((name) => settings[name] !== '');
  if (!withTls && tlsFilesSet.length > 0)
    throw new ConfigError(
      `${tlsFilesSet.join(', ')} set, but KAFKA_SECURITY_PROTOCOL=${protocol} has no TLS`,
    );
  if ((settings.KAFKA_SSL_CERT_FILE === '') !== (settings.KAFKA_SSL_KEY_FILE === ''))
    throw new ConfigError('KAFKA_SSL_CERT_FILE and KAFKA_SSL_KEY_FILE go together (mutual TLS)');

  const username = settings.KAFKA_SASL_USERNAME;
  const password = optionalSecret(
    settings.KAFKA_SASL_PASSWORD,
    settings.KAFKA_SASL_PASSWORD_FILE,
    'KAFKA_SASL_PASSWORD',
  );
  if (!withSasl && (username !== '' || password !== undefined))
    throw new ConfigError(
      `KAFKA_SASL_USERNAME or KAFKA_SASL_PASSWORD set, but KAFKA_SECURITY_PROTOCOL=${protocol} has no SASL`,
    );
  if (withSasl && (username === '' || !password))
    throw new ConfigError(
      `KAFKA_SECURITY_PROTOCOL=${protocol} needs KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD (or KAFKA_SASL_PASSWORD_FILE)`,
    );

  return {
    ...(withTls ? { ssl: tlsOptions(settings) } : {}),
    ...(withSasl ? { sasl: saslOptions(settings.KAFKA_SASL_MECHANISM, username, password ?? '') } : {}),
  };
}

function tlsOptions(settings: KafkaSecuritySettings): ConnectionOptions | true {
  const options: ConnectionOptions = {
    ...(settings.KAFKA_SSL_CA_FILE
      ? { ca: readSecretFile(settings.KAFKA_SSL_CA_FILE, 'KAFKA_SSL_CA_FILE') }
      : {}),
    ...(settings.KAFKA_SSL_CERT_FILE
      ? {
          cert: readSecretFile(settings.KAFKA_SSL_CERT_FILE, 'KAFKA_SSL_CERT_FILE'),
          key: readSecretFile(settings.KAFKA_SSL_KEY_FILE, 'KAFKA_SSL_KEY_FILE'),
        }
      : {}),
  };
  // `true` is TLS with the system's CAs; an object without `ca` would be the same, said less plainly.
  return Object.keys(options).length === 0 ? true : options;
}

function saslOptions(
  mechanism: KafkaSecuritySettings['KAFKA_SASL_MECHANISM'],
  username: string,
  password: string,
): SASLOptions {
  return { mechanism: MECHANISMS[mechanism], username, password };
}

/** The security part of the connection, for a start-up log line (no secrets). */
export function describeKafkaSecurity(settings: KafkaSecuritySettings): string {
  const protocol = settings.KAFKA_SECURITY_PROTOCOL;
  if (protocol === 'PLAINTEXT') return 'PLAINTEXT';
  if (protocol === 'SSL') return settings.KAFKA_SSL_CERT_FILE ? 'SSL (mutual TLS)' : 'SSL';
  return `${protocol} ${settings.KAFKA_SASL_MECHANISM} as ${settings.KAFKA_SASL_USERNAME}`;
}
