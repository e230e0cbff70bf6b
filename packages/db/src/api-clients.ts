import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { ApiClient, ApiKey, type ApiClientRow, type ApiKeyRow } from './api-client.entity.ts';
import { generateApiKey } from './api-keys.ts';

/** What a presented key stands for, when it exists and is not revoked. */
export interface KeyHolder {
  readonly keyId: string;
  readonly clientId: string;
  readonly scopes: readonly string[];
}

export interface CreatedClient {
  readonly clientId: string;
  readonly keyId: string;
  /** The key itself: shown once, never stored (only its hash is). */
  readonly key: string;
}

const scopesOf = (client: Pick<ApiClientRow, 'scopes'>): string[] => client.scopes.split(' ').filter(Boolean);

/** Stores a new client with its first key, in one transaction. */
export async function createClient(
  em: EntityManager,
  name: string,
  scopes: readonly string[],
): Promise<CreatedClient> {
  const clientId = randomUUID();
  const keyId = randomUUID();
  const { key, hash, prefix } = generateApiKey();
  await em.transactional((tx) => {
    const client = tx.create(ApiClient, { id: clientId, name, scopes: scopes.join(' ') });
    tx.create(ApiKey, { id: keyId, client, keyHash: hash, keyPrefix: prefix });
    return Promise.resolve();
  });
  return { clientId, keyId, key };
}

/** The client of a key by its hash (hashApiKey), when it is one of ours and not revoked; else null. */
export async function findKeyHolder(em: EntityManager, keyHash: string): Promise<KeyHolder | null> {
  const stored = await em.findOne(ApiKey, { keyHash, revokedAt: null }, { populate: ['client'] });
  return stored ? { keyId: stored.id, clientId: stored.client.id, scopes: scopesOf(stored.client) } : null;
}

/** Records when a key was last used (callers do it at most once a minute per key). */
export async function touchKey(em: EntityManager, keyId: string, usedAt: Date): Promise<void> {
  await em.nativeUpdate(ApiKey, { id: keyId }, { lastUsedAt: usedAt });
}

/** Revokes a key; false when there is no live key with that id. */
export async function revokeKey(em: EntityManager, keyId: string, revokedAt: Date): Promise<boolean> {
  return (await em.nativeUpdate(ApiKey, { id: keyId, revokedAt: null }, { revokedAt })) === 1;
}

export interface ClientListing {
  readonly id: string;
  readonly name: string;
  readonly scopes: readonly string[];
  readonly createdAt: Date;
  readonly keys: readonly Pick<ApiKeyRow, 'id' | 'keyPrefix' | 'createdAt' | 'lastUsedAt' | 'revokedAt'>[];
}

/** Every client with its keys (never their hashes), oldest first. */
export async function listClients(em: EntityManager): Promise<ClientListing[]> {
  const clients = await em.find(ApiClient, {}, { orderBy: { createdAt: 'asc' } });
  const keys = await em.find(ApiKey, {}, { orderBy: { createdAt: 'asc' } });
  return clients.map((client) => ({
    id: client.id,
    name: client.name,
    scopes: scopesOf(client),
    createdAt: client.createdAt,
    keys: keys
      .filter((key) => key.client.id === client.id)
      .map(({ id, keyPrefix, createdAt, lastUsedAt, revokedAt }) => ({
        id,
        keyPrefix,
        createdAt,
        lastUsedAt,
        revokedAt,
      })),
  }));
}

/** The first client created with this name, or null. */
export function findClientByName(em: EntityManager, name: string): Promise<ApiClientRow | null> {
  return em.findOne(ApiClient, { name }, { orderBy: { createdAt: 'asc' } });
}
