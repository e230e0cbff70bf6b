import { appError } from '@prequal/service-kit';

/** Sealed personal data under a key this keyring lacks (rotated out, or a reader without keys). */
export class PersonalDataKeyMissingError extends appError('PersonalDataKeyMissingError', 'PII_KEY_MISSING') {}

/** Sealed personal data that does not open: altered, truncated, or sealed for another field. */
export class PersonalDataUnreadableError extends appError('PersonalDataUnreadableError', 'PII_UNREADABLE') {}

/** A keyring that cannot be read or has no usable current key. */
export class KeyringError extends appError('KeyringError', 'KEYRING_INVALID') {}
