import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { ExecutionContext } from 'ava';

export const FIXTURES = path.resolve(import.meta.dirname, '../fixtures');

/**
 * The output must equal the fixture file byte for byte. After an intended change of a format, run
 * the test with UPDATE_FIXTURES=1 to rewrite the fixture, and review its diff like code.
 */
export async function matchesFixture(t: ExecutionContext, actual: string, fixture: string): Promise<void> {
  const file = path.join(FIXTURES, fixture);
  if (process.env.UPDATE_FIXTURES === '1') await writeFile(file, actual);
  t.is(actual, await readFile(file, 'utf8'), `differs from ${path.relative(process.cwd(), file)}`);
}
