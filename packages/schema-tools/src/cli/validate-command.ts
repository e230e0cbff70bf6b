import { readSchemaFiles, SCHEMAS_DIR } from '../schema-files.ts';
import { validateSchemaFile } from '../validate/validate-schema-file.ts';
import { result, type CommandResult } from './command-result.ts';

export interface ValidateOptions {
  readonly schemasDir?: string;
}

/** Every schema parses and follows our conventions; one line per violation, naming file and field. */
export async function runValidate({
  schemasDir = SCHEMAS_DIR,
}: ValidateOptions = {}): Promise<CommandResult> {
  const files = await readSchemaFiles(schemasDir);
  const violations = files.flatMap(validateSchemaFile);
  if (files.length === 0) return result(1, [`no .avsc files in ${schemasDir}`]);
  if (violations.length > 0) {
    return result(1, [
      ...violations,
      `${violations.length} convention violation(s) in ${files.length} schema(s)`,
    ]);
  }
  return result(0, [`${files.length} schema(s) valid: ${files.map(({ file }) => file).join(', ')}`]);
}
