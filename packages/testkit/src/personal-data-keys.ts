import { randomBytes } from 'node:crypto';
import { Keyring, newKeyring, serializeKeyring, type KeyringFile } from '@prequal/pii';

/**
 * This test process's keys of personal data: a keyring (and its one-line form, for a service's
 * PII_KEYRING) and a blind-index key, made here, so no key is ever committed.
 */
export interface TestPersonalDataKeys {
  readonly file: KeyringFile;
  readonly keyring: Keyring;
  readonly blindIndexKey: Buffer;
  /** The environment of a service that holds them. */
  readonly env: { PII_KEYRING: string; PII_BLIND_INDEX_KEY: string };
}

export async function createTestPersonalDataKeys(): Promise<TestPersonalDataKeys> {
  const file = await newKeyring();
  const blindIndexKey = randomBytes(32);
  return {
    file,
    keyring: await Keyring.open(file),
    blindIndexKey,
    env: { PII_KEYRING: serializeKeyring(file), PII_BLIND_INDEX_KEY: blindIndexKey.toString('base64') },
  };
}

/** The keys every service of this test process shares, unless a test makes its own. */
export const TEST_KEYS = await createTestPersonalDataKeys();
