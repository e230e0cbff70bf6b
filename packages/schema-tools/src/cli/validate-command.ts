import { repositoryPathsOf } from '../git/repository-paths.ts';
import type { Format } from '../report/format.ts';
import {
  validateAnnotations,
  validateDocument,
  validateMarkdown,
  validateText,
  type ValidatedFile,
} from '../report/validate-report.ts';
import { readSchemaFiles, SCHEMAS_DIR } from '../schema-files.ts';
import { findViolations } from '../validate/validate-schema-file.ts';
import { result, type CommandResult } from './command-result.ts';

export interface ValidateOptions {
  readonly schemasDir?: string;
  readonly format?: Format;
}

/** Every schema parses and follows our conventions; exit 1 on any violation (or no schema at all). */
export async function runValidate({
  schemasDir = SCHEMAS_DIR,
  format = 'text',
}: ValidateOptions = {}): Promise<CommandResult> {
  const files: ValidatedFile[] = (await readSchemaFiles(schemasDir)).map((file) => ({
    ...file,
    violations: findViolations(file),
  }));
  const exitCode = files.length > 0 && files.every((file) => file.violations.length === 0) ? 0 : 1;
  switch (format) {
    case 'text':
      return result(exitCode, validateText(schemasDir, files));
    case 'markdown':
      return { exitCode, output: validateMarkdown(schemasDir, files) };
    case 'json':
    case 'github-actions': {
      const document = validateDocument(schemasDir, files, await repositoryPathsOf(schemasDir));
      const output =
        format === 'json' ? `${JSON.stringify(document, null, 2)}\n` : validateAnnotations(document);
      return { exitCode, output };
    }
  }
}
