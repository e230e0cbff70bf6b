import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Credential } from './credential.ts';

const run = promisify(execFile);

/** Where `make run-native` leaves the dev stack's API key, from the repository root. */
export const DEV_API_KEY_FILE = '.stack/dev-api-key';

/** The checkout this CLI runs from: packages/cli/src is three folders below its root. */
const CHECKOUT = path.resolve(import.meta.dirname, '../../..');

/**
 * The dev stack's key, when neither --api-key nor PREQUAL_API_KEY gives one: `.stack/dev-api-key`
 * at the root of the git repository of the current directory, else of the checkout this CLI
 * belongs to (so `npx prequal` works from any folder of the repository, and from outside it).
 */
export async function findDevApiKey(cwd: string): Promise<Credential | undefined> {
  const toplevel = await run('git', ['rev-parse', '--show-toplevel'], { cwd, encoding: 'utf8' }).then(
    ({ stdout }) => stdout.trim(),
    () => undefined,
  );
  for (const root of new Set([toplevel ?? CHECKOUT, CHECKOUT])) {
    const file = path.join(root, DEV_API_KEY_FILE);
    const key = (await readFile(file, 'utf8').catch(() => '')).trim();
    if (key !== '') return { key, from: file };
  }
  return undefined;
}
