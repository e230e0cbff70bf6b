import test from 'ava';
import { tempFileWith } from '@prequal/testkit';
import { ConfigError, defaultsOf } from '@prequal/service-kit';
import {
  describeKafkaSecurity,
  kafkaSecurity,
  kafkaSettings,
  type KafkaSecuritySettings,
} from '../src/index.ts';

const settings = (env: NodeJS.ProcessEnv) => defaultsOf<KafkaSecuritySettings>(kafkaSettings, env);

test('PLAINTEXT, the default, has neither TLS nor SASL', (t) => {
  t.deepEqual(kafkaSecurity(settings({})), {});
  t.is(describeKafkaSecurity(settings({})), 'PLAINTEXT');
});

test('SASL_SSL gives TLS with the CA of the file and the SASL user, the password read from its file', async (t) => {
  const ca = await tempFileWith('-----BEGIN CERTIFICATE-----');
  const password = await tempFileWith('s3cret');
  const security = kafkaSecurity(
    settings({
      KAFKA_SECURITY_PROTOCOL: 'SASL_SSL',
      KAFKA_SSL_CA_FILE: ca,
      KAFKA_SASL_USERNAME: 'prequal-api',
      KAFKA_SASL_PASSWORD_FILE: password,
    }),
  );
  t.deepEqual(security, {
    ssl: { ca: '-----BEGIN CERTIFICATE-----' },
    sasl: { mechanism: 'scram-sha-512', username: 'prequal-api', password: 's3cret' },
  });
});

test('SSL without a CA trusts the system CAs; PLAIN is for Confluent Cloud API keys', (t) => {
  t.deepEqual(kafkaSecurity(settings({ KAFKA_SECURITY_PROTOCOL: 'SSL' })), { ssl: true });
  const cloud = kafkaSecurity(
    settings({
      KAFKA_SECURITY_PROTOCOL: 'SASL_SSL',
      KAFKA_SASL_MECHANISM: 'PLAIN',
      KAFKA_SASL_USERNAME: 'KEY',
      KAFKA_SASL_PASSWORD: 'SECRET',
    }),
  );
  t.deepEqual(cloud, { ssl: true, sasl: { mechanism: 'plain', username: 'KEY', password: 'SECRET' } });
});

test('mutual TLS takes a certificate and its key together', async (t) => {
  const cert = await tempFileWith('CERT');
  const key = await tempFileWith('KEY');
  t.deepEqual(
    kafkaSecurity(
      settings({ KAFKA_SECURITY_PROTOCOL: 'SSL', KAFKA_SSL_CERT_FILE: cert, KAFKA_SSL_KEY_FILE: key }),
    ),
    { ssl: { cert: 'CERT', key: 'KEY' } },
  );
  t.throws(() => kafkaSecurity(settings({ KAFKA_SECURITY_PROTOCOL: 'SSL', KAFKA_SSL_CERT_FILE: cert })), {
    instanceOf: ConfigError,
    message: /go together/,
  });
});

test('settings the protocol would ignore are refused, so nothing looks secured that is not', (t) => {
  t.throws(() => kafkaSecurity(settings({ KAFKA_SSL_CA_FILE: '/etc/ca.pem' })), {
    instanceOf: ConfigError,
    message: /KAFKA_SSL_CA_FILE set, but KAFKA_SECURITY_PROTOCOL=PLAINTEXT has no TLS/,
  });
  t.throws(() => kafkaSecurity(settings({ KAFKA_SECURITY_PROTOCOL: 'SSL', KAFKA_SASL_USERNAME: 'x' })), {
    instanceOf: ConfigError,
    message: /has no SASL/,
  });
});

test('a SASL protocol without a user or password, a password given twice, or an unreadable file is a clear error', (t) => {
  t.throws(() => kafkaSecurity(settings({ KAFKA_SECURITY_PROTOCOL: 'SASL_SSL', KAFKA_SASL_USERNAME: 'x' })), {
    instanceOf: ConfigError,
    message: /needs KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD/,
  });
  t.throws(
    () =>
      kafkaSecurity(
        settings({
          KAFKA_SECURITY_PROTOCOL: 'SASL_SSL',
          KAFKA_SASL_USERNAME: 'x',
          KAFKA_SASL_PASSWORD: 'a',
          KAFKA_SASL_PASSWORD_FILE: '/x',
        }),
      ),
    { instanceOf: ConfigError, message: /not both/ },
  );
  t.throws(
    () =>
      kafkaSecurity(
        settings({
          KAFKA_SECURITY_PROTOCOL: 'SASL_SSL',
          KAFKA_SASL_USERNAME: 'x',
          KAFKA_SASL_PASSWORD_FILE: '/no/such',
        }),
      ),
    { instanceOf: ConfigError, message: /KAFKA_SASL_PASSWORD_FILE: cannot read \/no\/such \(ENOENT\)/ },
  );
});

test('an unknown protocol or mechanism is refused by the settings', (t) => {
  t.throws(() => settings({ KAFKA_SECURITY_PROTOCOL: 'TLS' }), { message: /KAFKA_SECURITY_PROTOCOL/ });
  t.throws(() => settings({ KAFKA_SASL_MECHANISM: 'GSSAPI' }), { message: /KAFKA_SASL_MECHANISM/ });
});

test('the log line names the protocol, mechanism and user, never the password', (t) => {
  const described = describeKafkaSecurity(
    settings({
      KAFKA_SECURITY_PROTOCOL: 'SASL_SSL',
      KAFKA_SASL_USERNAME: 'credit-service',
      KAFKA_SASL_PASSWORD: 'pw!',
    }),
  );
  t.is(described, 'SASL_SSL SCRAM-SHA-512 as credit-service');
});
