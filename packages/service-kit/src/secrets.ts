import { readFileSync } from 'node:fs';
import { ConfigError } from './config.ts';

/**
 * A secret given inline (`NAME`) or as a file (`NAME_FILE`, for secret mounts), trimmed; undefined
 * when neither is set. Both at once is a configuration error, and so is a file that cannot be read.
 */
export function optionalSecret(inline: string, file: string, name: string): string | undefined {
  if (inline && file) throw new ConfigError(`set ${name} or ${name}_FILE, not both`);
  if (file) return readSecretFile(file, `${name}_FILE`);
  return inline ? inline.trim() : undefined;
}

/** Like optionalSecret, but one of the two must be set; `hint` says where to get it. */
export function requiredSecret(inline: string, file: string, name: string, hint = ''): string {
  const value = optionalSecret(inline, file, name);
  if (value === undefined || value === '')
    throw new ConfigError(`${name} (or ${name}_FILE) is required${hint ? `: ${hint}` : ''}`);
  return value;
}

/** The contents of a file a setting names (a CA, a certificate, a key, a password). */
export function readSecretFile(path: string, setting: string): string {
  try {
    return readFileSync(path, 'utf8').trim();
  } catch (error) {
    const reason = error instanceof Error && 'code' in error ? String(error.code) : String(error);
    throw new ConfigError(`${setting}: cannot read ${path} (${reason})`);
  }
}
