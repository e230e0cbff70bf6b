import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

/** The repository's schemas/ folder. */
export const SCHEMAS_DIR = path.resolve(import.meta.dirname, '../../../schemas');

export interface SchemaFile {
  /** File name relative to the schemas folder, e.g. LoanApplicationSubmitted.avsc */
  readonly file: string;
  readonly text: string;
}

/** Every .avsc file of a folder, sorted by name. */
export async function readSchemaFiles(dir: string = SCHEMAS_DIR): Promise<SchemaFile[]> {
  const names = (await readdir(dir)).filter((name) => name.endsWith('.avsc')).sort();
  return Promise.all(
    names.map(async (file) => ({ file, text: await readFile(path.join(dir, file), 'utf8') })),
  );
}
