import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { UsageError } from '../usage-error.ts';
import type { SchemaFile } from '../schema-files.ts';

const run = promisify(execFile);

async function git(dir: string, args: string[]): Promise<string> {
  const { stdout } = await run('git', args, { cwd: dir, maxBuffer: 64 * 1024 * 1024, encoding: 'utf8' });
  return stdout;
}

/**
 * The .avsc files of a folder as they were at a git ref (`git show <ref>:<folder>/<file>`), sorted
 * by name. A folder that did not exist at the ref has no files.
 */
export async function readSchemaFilesAtRef(dir: string, ref: string): Promise<SchemaFile[]> {
  try {
    await git(dir, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]);
  } catch {
    throw new UsageError(`${ref} is not a commit of the git repository at ${dir}`);
  }
  // Run in the folder itself: ls-tree lists paths relative to it, and `<ref>:./<file>` resolves from it.
  const listing = await git(dir, ['ls-tree', '--name-only', ref, '--', '.']);
  const names = listing
    .split('\n')
    .filter((name) => name.endsWith('.avsc'))
    .sort();
  return Promise.all(
    names.map(async (file) => ({ file, text: await git(dir, ['show', `${ref}:./${file}`]) })),
  );
}
