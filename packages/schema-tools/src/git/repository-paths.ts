import { execFile } from 'node:child_process';
import { realpath } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * How reports that a CI system maps back to the repository name a schema file: its path from the
 * root of the git repository that holds the folder (what GitHub annotations need, wherever the
 * command runs), else from the current directory.
 */
export async function repositoryPathsOf(dir: string): Promise<(file: string) => string> {
  const folder = await realpath(dir).catch(() => path.resolve(dir));
  const root = await run('git', ['rev-parse', '--show-toplevel'], { cwd: folder, encoding: 'utf8' }).then(
    ({ stdout }) => stdout.trim(),
    () => process.cwd(),
  );
  const relative = path.relative(await realpath(root).catch(() => root), folder);
  return (file) => path.posix.join(...relative.split(path.sep).filter(Boolean), file);
}
