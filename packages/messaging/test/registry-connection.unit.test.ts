import test from 'ava';
import { ConfigError, defaultsOf } from '@prequal/service-kit';
import { registryConnection, registrySettings, type RegistrySettings } from '../src/index.ts';

const settings = (env: NodeJS.ProcessEnv) => defaultsOf<RegistrySettings>(registrySettings, env);

test('without credentials the connection is the URL alone', (t) => {
  t.deepEqual(registryConnection(settings({ SCHEMA_REGISTRY_URL: 'https://sr.example/' })), {
    url: 'https://sr.example/',
  });
});

test('basic-auth credentials go over HTTPS, or over HTTP to this machine only', (t) => {
  t.like(
    registryConnection(
      settings({
        SCHEMA_REGISTRY_URL: 'https://sr.example',
        SCHEMA_REGISTRY_USERNAME: 'k',
        SCHEMA_REGISTRY_PASSWORD: 's',
      }),
    ),
    { auth: { username: 'k', password: 's' } },
  );
  t.like(
    registryConnection(
      settings({
        SCHEMA_REGISTRY_URL: 'http://127.0.0.1:8081',
        SCHEMA_REGISTRY_USERNAME: 'k',
        SCHEMA_REGISTRY_PASSWORD: 's',
      }),
    ),
    { auth: { username: 'k', password: 's' } },
  );
  t.throws(
    () =>
      registryConnection(
        settings({
          SCHEMA_REGISTRY_URL: 'http://sr.example',
          SCHEMA_REGISTRY_USERNAME: 'k',
          SCHEMA_REGISTRY_PASSWORD: 's',
        }),
      ),
    { instanceOf: ConfigError, message: /in clear/ },
  );
});

test('a user without a password, or a CA with http://, is refused', (t) => {
  t.throws(() => registryConnection(settings({ SCHEMA_REGISTRY_USERNAME: 'k' })), {
    instanceOf: ConfigError,
    message: /go together/,
  });
  t.throws(
    () =>
      registryConnection(
        settings({ SCHEMA_REGISTRY_URL: 'http://127.0.0.1:8081', SCHEMA_REGISTRY_CA_FILE: '/ca.pem' }),
      ),
    { instanceOf: ConfigError, message: /not https/ },
  );
});
