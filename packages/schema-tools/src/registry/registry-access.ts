import { readFileSync } from 'node:fs';
import { Agent } from 'undici';
import { UsageError } from '../usage-error.ts';

/** How the CLI authenticates to the registry and what it trusts, beyond the URL. */
export interface RegistryAccess {
  /** The Authorization header of HTTP basic authentication. */
  readonly authorization?: string;
  /** Trusts the CA of SCHEMA_REGISTRY_CA_FILE (a registry with a certificate of its own CA). */
  readonly dispatcher?: Agent;
}

/**
 * The same variables the services read: SCHEMA_REGISTRY_USERNAME with SCHEMA_REGISTRY_PASSWORD or
 * SCHEMA_REGISTRY_PASSWORD_FILE, and SCHEMA_REGISTRY_CA_FILE.
 */
export function registryAccessFromEnv(env: NodeJS.ProcessEnv = process.env): RegistryAccess {
  const username = env.SCHEMA_REGISTRY_USERNAME ?? '';
  const inline = env.SCHEMA_REGISTRY_PASSWORD ?? '';
  const file = env.SCHEMA_REGISTRY_PASSWORD_FILE ?? '';
  if (inline && file)
    throw new UsageError('set SCHEMA_REGISTRY_PASSWORD or SCHEMA_REGISTRY_PASSWORD_FILE, not both');
  const password = file ? read(file, 'SCHEMA_REGISTRY_PASSWORD_FILE') : inline;
  if ((username === '') !== (password === ''))
    throw new UsageError('SCHEMA_REGISTRY_USERNAME and SCHEMA_REGISTRY_PASSWORD (or _FILE) go together');
  const caFile = env.SCHEMA_REGISTRY_CA_FILE ?? '';
  return {
    ...(username
      ? { authorization: `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}` }
      : {}),
    ...(caFile
      ? { dispatcher: new Agent({ connect: { ca: read(caFile, 'SCHEMA_REGISTRY_CA_FILE') } }) }
      : {}),
  };
}

function read(path: string, setting: string): string {
  try {
    return readFileSync(path, 'utf8').trim();
  } catch (error) {
    throw new UsageError(
      `${setting}: cannot read ${path} (${error instanceof Error ? error.message : String(error)})`,
    );
  }
}
