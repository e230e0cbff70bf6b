import type { Part } from '@prequal/service-kit';
import type { Keyring } from './keyring.ts';
import { loadKeyring, type KeyringSettings } from './settings.ts';

/** The service's keyring, opened at start-up (a missing or broken one fails the start, clearly). */
export function keyringPart(settings: KeyringSettings): Part<Keyring> {
  return {
    name: 'keyring',
    start: async ({ logger }) => {
      const keyring = await loadKeyring(settings);
      logger.info({ current: keyring.currentId, keys: keyring.ids }, 'keyring of personal data opened');
      return keyring;
    },
  };
}
