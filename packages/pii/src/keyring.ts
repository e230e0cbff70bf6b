import { randomBytes } from 'node:crypto';
import { KeyringError } from './errors.ts';
import { LocalKeyEncryptionKey, type KeyEncryptionKey } from './key-encryption-key.ts';

/** A key id: what a sealed value names its key by. */
const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;

/**
 * The keyring as stored (JSON, or that JSON in base64 for a .env line): the data keys by id, each
 * wrapped by the key-encryption key, and which one seals new values. `kek` is the local
 * key-encryption key; it is absent when a KMS holds it.
 */
export interface KeyringFile {
  readonly version: 1;
  readonly current: string;
  readonly dataKeys: Readonly<Record<string, string>>;
  readonly kek?: string | undefined;
}

/** The data keys in memory, unwrapped once: the current one seals, every one opens. */
export class Keyring {
  readonly currentId: string;
  readonly #keys: ReadonlyMap<string, Buffer>;

  private constructor(currentId: string, keys: ReadonlyMap<string, Buffer>) {
    this.currentId = currentId;
    this.#keys = keys;
  }

  /** Unwraps every data key of a keyring file with `kek` (by default its own local one). */
  static async open(file: KeyringFile, kek: KeyEncryptionKey = localKekOf(file)): Promise<Keyring> {
    const keys = new Map<string, Buffer>();
    for (const [id, wrapped] of Object.entries(file.dataKeys)) {
      const key = await kek.unwrap(Buffer.from(wrapped, 'base64'), id);
      if (key.length !== 32) throw new KeyringError(`data key ${id} is not 32 bytes`);
      keys.set(id, key);
    }
    if (!keys.has(file.current))
      throw new KeyringError(`the current key ${file.current} is not in the keyring`);
    return new Keyring(file.current, keys);
  }

  /** The data key with this id, or undefined. */
  key(id: string): Buffer | undefined {
    return this.#keys.get(id);
  }

  get ids(): string[] {
    return [...this.#keys.keys()];
  }
}

function localKekOf(file: KeyringFile): KeyEncryptionKey {
  if (!file.kek)
    throw new KeyringError('the keyring has no local key-encryption key (kek), and no KMS was given');
  return new LocalKeyEncryptionKey(Buffer.from(file.kek, 'base64'));
}

/** Reads a keyring from its JSON text, or from that text in base64. */
export function parseKeyring(text: string): KeyringFile {
  const trimmed = text.trim();
  const json = trimmed.startsWith('{') ? trimmed : Buffer.from(trimmed, 'base64').toString('utf8');
  let parsed: Record<string, unknown>;
  try {
    parsed = JSON.parse(json) as Record<string, unknown>;
  } catch (error) {
    throw new KeyringError('the keyring is neither JSON nor base64 of JSON', { cause: error });
  }
  const { version, current, dataKeys, kek } = parsed;
  if (version !== 1 || typeof current !== 'string' || typeof dataKeys !== 'object' || dataKeys === null) {
    throw new KeyringError('the keyring needs version 1, a current key id and its data keys');
  }
  const keys = dataKeys as Record<string, unknown>;
  for (const [id, wrapped] of Object.entries(keys)) {
    if (!KEY_ID.test(id))
      throw new KeyringError(`key id ${JSON.stringify(id)} is not 1 to 32 of A-Z a-z 0-9 _ -`);
    if (typeof wrapped !== 'string') throw new KeyringError(`data key ${id} is not a base64 string`);
  }
  if (kek !== undefined && typeof kek !== 'string') throw new KeyringError('kek is not a base64 string');
  return { version, current, dataKeys: keys as Record<string, string>, kek };
}

/** The keyring as one line: base64 of its JSON (what a .env or a secret holds). */
export function serializeKeyring(file: KeyringFile): string {
  return Buffer.from(JSON.stringify(file)).toString('base64');
}

/** A new local keyring: a key-encryption key and one data key, `k1`. */
export async function newKeyring(kekKey: Buffer = randomBytes(32)): Promise<KeyringFile> {
  const kek = new LocalKeyEncryptionKey(kekKey);
  return {
    version: 1,
    current: 'k1',
    kek: kekKey.toString('base64'),
    dataKeys: { k1: (await kek.wrap(randomBytes(32), 'k1')).toString('base64') },
  };
}

/** The keyring with a new data key (the next `k<n>`) that seals from now on; the old ones still open. */
export async function rotateKeyring(
  file: KeyringFile,
  kek: KeyEncryptionKey = localKekOf(file),
): Promise<KeyringFile> {
  const numbers = Object.keys(file.dataKeys).map((id) => Number(/^k(\d+)$/.exec(id)?.[1] ?? 0));
  const id = `k${Math.max(0, ...numbers) + 1}`;
  return {
    ...file,
    current: id,
    dataKeys: { ...file.dataKeys, [id]: (await kek.wrap(randomBytes(32), id)).toString('base64') },
  };
}
