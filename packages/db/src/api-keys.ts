import { createHash, randomBytes } from 'node:crypto';

/** Every key starts with this, so a leaked one is recognisable (secret scanners, logs). */
const KEY_PREFIX = 'pqk_';

/** A new API key: 256 random bits, shown once; only its SHA-256 is stored. */
export function generateApiKey(): { key: string; hash: string; prefix: string } {
  const key = `${KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
  return { key, hash: hashApiKey(key), prefix: key.slice(0, 12) };
}

/**
 * The stored form of a key. A fast hash is enough for 256 random bits (there is nothing to
 * guess); a slow password hash would only cost every request CPU.
 */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

/** Whether a bearer token is one of our API keys (else it may be a JWT access token). */
export function looksLikeApiKey(token: string): boolean {
  return token.startsWith(KEY_PREFIX);
}
