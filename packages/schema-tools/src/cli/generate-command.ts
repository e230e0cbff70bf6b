import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { generateTypeScript } from '../generate.ts';
import { readSchemaFiles, SCHEMAS_DIR } from '../schema-files.ts';

export const GENERATED_FILE = path.resolve(import.meta.dirname, '../../../events/src/schemas.generated.ts');

/** Writes the generated types; with `check`, only reports whether the file is up to date. */
export async function runGenerate({ check }: { check: boolean }): Promise<number> {
  const generated = await generateTypeScript(await readSchemaFiles(SCHEMAS_DIR));
  const current = await readFile(GENERATED_FILE, 'utf8').catch(() => '');
  const relative = path.relative(process.cwd(), GENERATED_FILE);
  if (check) {
    if (current === generated) {
      console.log(`${relative} is up to date with schemas/`);
      return 0;
    }
    console.error(`${relative} is out of date: run \`make schemas-generate\` and commit the result`);
    return 1;
  }
  if (current !== generated) await writeFile(GENERATED_FILE, generated);
  console.log(`${current === generated ? 'unchanged' : 'wrote'} ${relative}`);
  return 0;
}
