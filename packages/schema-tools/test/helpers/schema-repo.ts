import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { ExecutionContext } from 'ava';
import { text } from './our-schemas.ts';

const run = promisify(execFile);

/** A throwaway git repository with a schemas/ folder, removed when the test ends. */
export interface SchemaRepo {
  readonly root: string;
  readonly schemasDir: string;
  write(file: string, schema: unknown): Promise<void>;
  /** Writes a file's text as it is (a fixture, laid out by hand). */
  writeText(file: string, text: string): Promise<void>;
  remove(file: string): Promise<void>;
  commit(message: string): Promise<void>;
}

export async function createSchemaRepo(
  t: ExecutionContext,
  files: Record<string, unknown>,
): Promise<SchemaRepo> {
  const root = await mkdtemp(path.join(tmpdir(), 'schema-repo-'));
  t.teardown(() => rm(root, { recursive: true, force: true }));
  const schemasDir = path.join(root, 'schemas');
  await mkdir(schemasDir);
  const git = (...args: string[]) =>
    run('git', ['-c', 'user.name=Schema Tests', '-c', 'user.email=tests@prequal.invalid', ...args], {
      cwd: root,
    });
  await git('init', '--quiet', '--initial-branch=main');
  const repo: SchemaRepo = {
    root,
    schemasDir,
    write: (file, schema) => writeFile(path.join(schemasDir, file), text(schema)),
    writeText: (file, content) => writeFile(path.join(schemasDir, file), content),
    remove: (file) => rm(path.join(schemasDir, file)),
    commit: async (message) => {
      await git('add', '--all');
      await git('commit', '--quiet', '--no-verify', '--allow-empty', '-m', message);
    },
  };
  for (const [file, schema] of Object.entries(files)) await repo.write(file, schema);
  await repo.commit('base schemas');
  return repo;
}
