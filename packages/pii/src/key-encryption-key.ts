import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { KeyringError } from './errors.ts';

/**
 * What wraps the data keys: the key-encryption key. Here a local AES-256-GCM key from the keyring
 * file; a KMS (AWS KMS Encrypt/Decrypt, Vault transit encrypt/decrypt) implements the same two calls
 * and holds the key itself, so the keyring file then carries only wrapped data keys.
 */
export interface KeyEncryptionKey {
  wrap(dataKey: Buffer, keyId: string): Promise<Buffer>;
  unwrap(wrapped: Buffer, keyId: string): Promise<Buffer>;
}

const NONCE = 12;
const TAG = 16;

/** The key-encryption key of a local keyring: AES-256-GCM, the data key's id as associated data. */
export class LocalKeyEncryptionKey implements KeyEncryptionKey {
  readonly #key: Buffer;

  constructor(key: Buffer) {
    if (key.length !== 32) throw new KeyringError('the key-encryption key must be 32 bytes (AES-256)');
    this.#key = key;
  }

  wrap(dataKey: Buffer, keyId: string): Promise<Buffer> {
    const nonce = randomBytes(NONCE);
    const cipher = createCipheriv('aes-256-gcm', this.#key, nonce).setAAD(Buffer.from(`data-key:${keyId}`));
    const sealed = Buffer.concat([cipher.update(dataKey), cipher.final()]);
    return Promise.resolve(Buffer.concat([nonce, sealed, cipher.getAuthTag()]));
  }

  unwrap(wrapped: Buffer, keyId: string): Promise<Buffer> {
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.#key, wrapped.subarray(0, NONCE))
        .setAAD(Buffer.from(`data-key:${keyId}`))
        .setAuthTag(wrapped.subarray(wrapped.length - TAG));
      return Promise.resolve(
        Buffer.concat([decipher.update(wrapped.subarray(NONCE, wrapped.length - TAG)), decipher.final()]),
      );
    } catch (error) {
      return Promise.reject(
        new KeyringError(`data key ${keyId} does not unwrap with this key-encryption key`, { cause: error }),
      );
    }
  }
}
