import test from 'ava';
import { ConfigError } from '@prequal/service-kit';
import { loadPrequalApiConfig } from '../src/config.ts';

test('every variable has a default that points at the native stack (whose credentials .stack/stack.env gives)', (t) => {
  const config = loadPrequalApiConfig({});
  t.like(config, {
    PORT: 3000,
    KAFKA_BROKERS: '127.0.0.1:9092',
    SCHEMA_REGISTRY_URL: 'https://127.0.0.1:8081/apis/ccompat/v7',
    DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/prequal',
    RELAY_ENABLED: true,
  });
  t.true(Object.isFrozen(config));
});

test('bad values are refused at start-up, each one named with what it is for', (t) => {
  const error = t.throws(
    () => loadPrequalApiConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud' }),
    {
      instanceOf: ConfigError,
    },
  );
  t.regex(error.message, /PORT: must be a number \(HTTP port of the API\)/);
  t.regex(error.message, /DATABASE_URL: .*postgres/);
  t.regex(error.message, /LOG_LEVEL: must be one of/);
});
