import { createSecretKey, hkdfSync, type KeyObject } from 'node:crypto';

/*
 * node:crypto imports a raw key into OpenSSL on every call that is given a Buffer; a KeyObject is
 * imported once. Sealing a value took 32 µs with the Buffer and 10 µs with its KeyObject, an HMAC
 * 17 µs and 2 µs (Node 24): per application that is several of each. The keys are held for the
 * process's life (the keyring, the blind-index key) and never rewritten in place, so each gets its
 * KeyObject once, here.
 */
const keyObjects = new WeakMap<Buffer, KeyObject>();
const derived = new WeakMap<Buffer, Map<string, KeyObject>>();

/** The KeyObject of a secret key, made on first use. */
export function keyObjectOf(key: Buffer): KeyObject {
  let object = keyObjects.get(key);
  if (!object) {
    object = createSecretKey(key);
    keyObjects.set(key, object);
  }
  return object;
}

/** A key for one purpose, derived from `key` (HKDF-SHA-256) once per key and purpose. */
export function derivedKeyObject(key: Buffer, purpose: string): KeyObject {
  let byPurpose = derived.get(key);
  if (!byPurpose) {
    byPurpose = new Map();
    derived.set(key, byPurpose);
  }
  let object = byPurpose.get(purpose);
  if (!object) {
    object = createSecretKey(Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), purpose, 32)));
    byPurpose.set(purpose, object);
  }
  return object;
}
