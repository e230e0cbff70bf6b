import type { EntityManager } from '@mikro-orm/postgresql';
import { findKeyHolder, hashApiKey, touchKey } from '@prequal/db';
import type { Logger } from '@prequal/service-kit';
import type { AuthenticatedClient } from './client.ts';

export interface KeyAuthenticatorOptions {
  readonly em: () => EntityManager;
  readonly logger: Logger;
  /** How long a checked key is trusted without asking the database again (a revocation waits this long). */
  readonly cacheMs: number;
  readonly clock?: () => number;
}

/** Most keys kept in the cache; the oldest entry goes first. */
const CACHE_SIZE = 10_000;
/** last_used_at is written at most this often per key, and never on the request's path. */
const TOUCH_EVERY_MS = 60_000;

/**
 * Checks API keys against their stored hashes. A key found is trusted for `cacheMs` (so most
 * requests cost a hash and a map lookup, not a query); an unknown key is never cached, so a new
 * key works at once.
 */
export class KeyAuthenticator {
  readonly #options: KeyAuthenticatorOptions;
  readonly #cache = new Map<string, { client: AuthenticatedClient; keyId: string; until: number }>();
  readonly #touched = new Map<string, number>();

  constructor(options: KeyAuthenticatorOptions) {
    this.#options = options;
  }

  /** The key's client, or undefined when the key is unknown or revoked. */
  async authenticate(key: string): Promise<AuthenticatedClient | undefined> {
    const now = (this.#options.clock ?? Date.now)();
    const hash = hashApiKey(key);
    let entry = this.#cache.get(hash);
    if (!entry || entry.until <= now) {
      this.#cache.delete(hash);
      const holder = await findKeyHolder(this.#options.em(), hash);
      if (!holder) return undefined;
      entry = {
        client: { id: holder.clientId, scopes: new Set(holder.scopes), via: 'api-key' },
        keyId: holder.keyId,
        until: now + this.#options.cacheMs,
      };
      if (this.#cache.size >= CACHE_SIZE) this.#cache.delete(this.#cache.keys().next().value ?? '');
      this.#cache.set(hash, entry);
    }
    this.#touch(entry.keyId, now);
    return entry.client;
  }

  #touch(keyId: string, now: number): void {
    if (now - (this.#touched.get(keyId) ?? 0) < TOUCH_EVERY_MS) return;
    this.#touched.set(keyId, now);
    touchKey(this.#options.em(), keyId, new Date(now)).catch((error: unknown) => {
      this.#options.logger.warn({ err: error, keyId }, 'could not record when an API key was last used');
    });
  }
}
