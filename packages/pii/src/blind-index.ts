import { createHmac, hkdfSync } from 'node:crypto';
import { derivedKeyObject, keyObjectOf } from './key-objects.ts';

/**
 * A keyed blind index: HMAC-SHA-256 of the normalised value with a key of its own, so equal values
 * can be found without storing them. Never an unkeyed hash: there are only about 3×10¹² PANs, all
 * of which an attacker could hash.
 */
export function blindIndex(key: Buffer, value: string): string {
  return createHmac('sha256', keyObjectOf(key)).update(value.toUpperCase()).digest('hex');
}

/** A key for one purpose, derived from the blind-index key (HKDF-SHA-256), so purposes never share one. */
export function derivedKey(key: Buffer, purpose: string): Buffer {
  return Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), purpose, 32));
}

/** A keyed fingerprint of any text (an idempotent request's content), with a key derived for it. */
export function keyedFingerprint(key: Buffer, purpose: string, text: string): string {
  return createHmac('sha256', derivedKeyObject(key, purpose)).update(text).digest('hex');
}
