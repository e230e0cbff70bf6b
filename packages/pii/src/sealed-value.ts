import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { keyObjectOf } from './key-objects.ts';
import { PersonalDataKeyMissingError, PersonalDataUnreadableError } from './errors.ts';
import type { Keyring } from './keyring.ts';

/*
 * A sealed value, in the field's own type (a string), so that every reader can still decode the
 * event or row and sees only this: `pii1:<key id>:<base64url(nonce 12 bytes | ciphertext | tag 16
 * bytes)>`. AES-256-GCM with the data key `<key id>`; the associated data names the field (say
 * `LoanApplicationSubmitted.panNumber`), so a value cannot be moved to another field and opened there.
 */
const VERSION = 'pii1';
const SEALED = /^pii1:([A-Za-z0-9_-]{1,32}):([A-Za-z0-9_-]+)$/;
const NONCE = 12;
const TAG = 16;

/** Whether a value is already sealed (sealing is idempotent, so an event sealed once passes through). */
export function isSealed(value: string): boolean {
  return value.startsWith(`${VERSION}:`);
}

/** The id of the key a sealed value was sealed with. */
export function sealedKeyId(value: string): string | undefined {
  return SEALED.exec(value)?.[1];
}

export function sealValue(plaintext: string, keyring: Keyring, field: string): string {
  const key = keyring.key(keyring.currentId);
  if (!key)
    throw new PersonalDataKeyMissingError(`the current key ${keyring.currentId} is not in the keyring`);
  const nonce = randomBytes(NONCE);
  const cipher = createCipheriv('aes-256-gcm', keyObjectOf(key), nonce).setAAD(Buffer.from(field));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return `${VERSION}:${keyring.currentId}:${Buffer.concat([nonce, ciphertext, cipher.getAuthTag()]).toString('base64url')}`;
}

export function openValue(sealed: string, keyring: Keyring | undefined, field: string): string {
  const match = SEALED.exec(sealed);
  const [, keyId = '', payload = ''] = match ?? [];
  const bytes = Buffer.from(payload, 'base64url');
  if (!match || bytes.length < NONCE + TAG)
    throw new PersonalDataUnreadableError(`${field} is not a sealed value`);
  const key = keyring?.key(keyId);
  if (!key) {
    throw new PersonalDataKeyMissingError(
      `${field} is sealed with key ${keyId}, which ${keyring ? 'this keyring does not hold' : 'a reader without a keyring cannot open'}`,
    );
  }
  try {
    const decipher = createDecipheriv('aes-256-gcm', keyObjectOf(key), bytes.subarray(0, NONCE))
      .setAAD(Buffer.from(field))
      .setAuthTag(bytes.subarray(bytes.length - TAG));
    return Buffer.concat([
      decipher.update(bytes.subarray(NONCE, bytes.length - TAG)),
      decipher.final(),
    ]).toString('utf8');
  } catch (error) {
    throw new PersonalDataUnreadableError(
      `${field} does not open with key ${keyId}: altered, or sealed for another field`,
      {
        cause: error,
      },
    );
  }
}
