export { PersonalDataKeyMissingError, PersonalDataUnreadableError, KeyringError } from './errors.ts';
export { LocalKeyEncryptionKey, type KeyEncryptionKey } from './key-encryption-key.ts';
export {
  Keyring,
  parseKeyring,
  serializeKeyring,
  newKeyring,
  rotateKeyring,
  type KeyringFile,
} from './keyring.ts';
export { sealValue, openValue, isSealed, sealedKeyId } from './sealed-value.ts';
export { blindIndex, derivedKey, keyedFingerprint } from './blind-index.ts';
export { EventCipher, personalDataFields, PII_TAG } from './event-cipher.ts';
export {
  keyringSettings,
  blindIndexSettings,
  loadKeyring,
  loadBlindIndexKey,
  type KeyringSettings,
  type BlindIndexSettings,
} from './settings.ts';
export { keyringPart } from './keyring-part.ts';
export { sealApplicant, openApplicantName, ROW_FIELDS, type SealedApplicant } from './applicant-row.ts';
