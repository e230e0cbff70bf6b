import Joi from 'joi';
import { requiredSecret, type Settings, type SettingsOf } from '@prequal/service-kit';
import { KeyringError } from './errors.ts';
import { Keyring, parseKeyring } from './keyring.ts';

/**
 * Where a service that handles personal data gets its keys: the keyring (inline, base64 of its
 * JSON, or a file), and, for prequal-api, the blind-index key. Exactly one of each pair is set.
 */
export const keyringSettings = {
  PII_KEYRING: Joi.string()
    .allow('')
    .default('')
    .description('the data keys of personal data (base64 of the keyring JSON); or PII_KEYRING_FILE'),
  PII_KEYRING_FILE: Joi.string()
    .allow('')
    .default('')
    .description('a file holding the keyring (JSON, or its base64)'),
} satisfies Settings;

export const blindIndexSettings = {
  PII_BLIND_INDEX_KEY: Joi.string()
    .allow('')
    .default('')
    .description('the key of the PAN blind index (base64, 32 bytes); or PII_BLIND_INDEX_KEY_FILE'),
  PII_BLIND_INDEX_KEY_FILE: Joi.string()
    .allow('')
    .default('')
    .description('a file holding the blind-index key (base64)'),
} satisfies Settings;

export type KeyringSettings = SettingsOf<typeof keyringSettings>;
export type BlindIndexSettings = SettingsOf<typeof blindIndexSettings>;

const KEYS_HINT = 'make run-native generates development keys into .stack/';

/** Opens the configured keyring (unwrapping its data keys). */
export function loadKeyring(settings: KeyringSettings): Promise<Keyring> {
  return Keyring.open(
    parseKeyring(requiredSecret(settings.PII_KEYRING, settings.PII_KEYRING_FILE, 'PII_KEYRING', KEYS_HINT)),
  );
}

/** The configured blind-index key. */
export function loadBlindIndexKey(settings: BlindIndexSettings): Buffer {
  const key = Buffer.from(
    requiredSecret(
      settings.PII_BLIND_INDEX_KEY,
      settings.PII_BLIND_INDEX_KEY_FILE,
      'PII_BLIND_INDEX_KEY',
      KEYS_HINT,
    ),
    'base64',
  );
  if (key.length !== 32) throw new KeyringError('PII_BLIND_INDEX_KEY must be 32 bytes in base64');
  return key;
}
