import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** A file of its own holding `contents` (and a newline), for settings that name a file. */
export async function tempFileWith(contents: string): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'testkit-file-'));
  const file = path.join(dir, 'file');
  await writeFile(file, `${contents}\n`);
  return file;
}
