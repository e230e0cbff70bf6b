import { defineEntity, type InferEntity } from '@mikro-orm/core';

/** A partner system or front end allowed to call the API, with what it may do (its scopes). */
export const ApiClient = defineEntity({
  name: 'ApiClient',
  tableName: 'api_clients',
  properties: (p) => ({
    id: p.uuid().primary(),
    name: p.string().length(255),
    /** Space-separated scopes, as OAuth writes them: `applications:submit applications:read`. */
    scopes: p.string().length(255),
    createdAt: p
      .datetime()
      .defaultRaw('now()')
      .onCreate(() => new Date()),
  }),
});

export type ApiClientRow = InferEntity<typeof ApiClient>;

/** An API key of a client: only its SHA-256 is stored; the key itself is shown once. */
export const ApiKey = defineEntity({
  name: 'ApiKey',
  tableName: 'api_keys',
  properties: (p) => ({
    id: p.uuid().primary(),
    client: () => p.manyToOne(ApiClient).deleteRule('cascade'),
    /** SHA-256 of the key, hex: what a presented key is looked up by. */
    keyHash: p.string().length(64).unique('api_keys_key_hash_unique'),
    /** The key's first characters, to tell keys apart in listings. */
    keyPrefix: p.string().length(16),
    createdAt: p
      .datetime()
      .defaultRaw('now()')
      .onCreate(() => new Date()),
    lastUsedAt: p.datetime().nullable(),
    revokedAt: p.datetime().nullable(),
  }),
});

export type ApiKeyRow = InferEntity<typeof ApiKey>;
