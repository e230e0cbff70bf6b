import { Agent as HttpsAgent } from 'node:https';
import { Agent, request } from 'undici';
import { ConfigError, optionalSecret, readSecretFile } from '@prequal/service-kit';
import type { RegistrySettings } from './settings.ts';

/** How to reach the schema registry: its URL, basic-auth credentials, the CA of its certificate. */
export interface RegistryConnection {
  readonly url: string;
  readonly auth?: { readonly username: string; readonly password: string };
  /** PEM of the CA that signed the registry's certificate; the system's CAs when undefined. */
  readonly ca?: string;
}

const LOOPBACK = new Set(['127.0.0.1', '[::1]', 'localhost']);

/**
 * The registry connection the settings describe; files are read now, so a missing one fails the
 * start. Credentials travel only over HTTPS, or over HTTP to this machine (the native stack), never
 * in clear across a network.
 */
export function registryConnection(settings: RegistrySettings): RegistryConnection {
  const url = new URL(settings.SCHEMA_REGISTRY_URL);
  const username = settings.SCHEMA_REGISTRY_USERNAME;
  const password = optionalSecret(
    settings.SCHEMA_REGISTRY_PASSWORD,
    settings.SCHEMA_REGISTRY_PASSWORD_FILE,
    'SCHEMA_REGISTRY_PASSWORD',
  );
  if ((username === '') !== (password === undefined))
    throw new ConfigError('SCHEMA_REGISTRY_USERNAME and SCHEMA_REGISTRY_PASSWORD (or _FILE) go together');
  if (password !== undefined && url.protocol === 'http:' && !LOOPBACK.has(url.hostname))
    throw new ConfigError(
      `SCHEMA_REGISTRY_URL is http:// to ${url.hostname}: the registry password would cross the network in clear (use https://)`,
    );
  if (settings.SCHEMA_REGISTRY_CA_FILE && url.protocol !== 'https:')
    throw new ConfigError('SCHEMA_REGISTRY_CA_FILE is set, but SCHEMA_REGISTRY_URL is not https://');
  return {
    url: settings.SCHEMA_REGISTRY_URL,
    ...(password === undefined ? {} : { auth: { username, password } }),
    ...(settings.SCHEMA_REGISTRY_CA_FILE
      ? { ca: readSecretFile(settings.SCHEMA_REGISTRY_CA_FILE, 'SCHEMA_REGISTRY_CA_FILE') }
      : {}),
  };
}

/** A connection to a registry at a URL with nothing else configured (tests, tools). */
export function plainRegistry(url: string): RegistryConnection {
  return { url };
}

/** The HTTPS agent of @kafkajs/confluent-schema-registry's client when a CA is configured. */
export function registryHttpsAgent(connection: RegistryConnection): HttpsAgent | undefined {
  return connection.ca === undefined ? undefined : new HttpsAgent({ ca: connection.ca, keepAlive: true });
}

const dispatchers = new WeakMap<RegistryConnection, Agent>();

function dispatcherOf(connection: RegistryConnection): Agent {
  let dispatcher = dispatchers.get(connection);
  if (!dispatcher) {
    dispatcher = new Agent(connection.ca === undefined ? {} : { connect: { ca: connection.ca } });
    dispatchers.set(connection, dispatcher);
  }
  return dispatcher;
}

/**
 * One call of the registry's REST API with the connection's credentials and CA, for what the
 * registry client does not offer (a reachability check, deleting a subject); the answer's status.
 */
export async function registryCall(
  connection: RegistryConnection,
  method: 'GET' | 'DELETE',
  path: string,
  timeoutMs = 2000,
): Promise<number> {
  const { statusCode, body } = await request(`${connection.url.replace(/\/$/, '')}${path}`, {
    method,
    dispatcher: dispatcherOf(connection),
    headers: connection.auth ? { authorization: basicAuthorization(connection.auth) } : {},
    signal: AbortSignal.timeout(timeoutMs),
  });
  await body.dump();
  return statusCode;
}

/** Resolves when the registry answers its subjects listing (with our credentials) within 2 s. */
export async function registryReachable(connection: RegistryConnection): Promise<void> {
  const status = await registryCall(connection, 'GET', '/subjects');
  if (status === 401 || status === 403) throw new Error(`registry refused our credentials (HTTP ${status})`);
  if (status !== 200) throw new Error(`registry answered ${status}`);
}

function basicAuthorization({ username, password }: { username: string; password: string }): string {
  return `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
}
