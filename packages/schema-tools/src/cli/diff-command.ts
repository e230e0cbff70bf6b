import { reportChanges, type FileReport } from '../diff/file-report.ts';
import { readSchemaFilesAtRef } from '../git/schema-files-at-ref.ts';
import { repositoryPathsOf } from '../git/repository-paths.ts';
import { diffAnnotations } from '../report/diff-annotations.ts';
import { diffDocument } from '../report/diff-document.ts';
import type { Format } from '../report/format.ts';
import { formatMarkdown } from '../report/format-markdown.ts';
import { formatText } from '../report/format-text.ts';
import { readSchemaFiles, SCHEMAS_DIR, type SchemaFile } from '../schema-files.ts';
import { subjectsOfTopicTable, type Subjects } from '../subjects.ts';
import type { CommandResult } from './command-result.ts';

export interface DiffOptions {
  /** The git ref to compare with (a branch, tag, commit, HEAD~1). */
  readonly base: string;
  readonly format?: Format;
  readonly schemasDir?: string;
  readonly subjects?: Subjects;
}

/** Offline: each schema file against its version at a git ref; exit 1 when a change breaks its subject's level. */
export async function runDiff({
  base,
  format = 'text',
  schemasDir = SCHEMAS_DIR,
  subjects,
}: DiffOptions): Promise<CommandResult> {
  const [before, after] = await Promise.all([
    readSchemaFilesAtRef(schemasDir, base),
    readSchemaFiles(schemasDir),
  ]);
  const reports = reportChanges(before, after, subjects ?? (await subjectsOfTopicTable()));
  const exitCode = reports.some((report) => report.breaks) ? 1 : 0;
  return { exitCode, output: await render(format, base, reports, { before, after, schemasDir }) };
}

async function render(
  format: Format,
  base: string,
  reports: readonly FileReport[],
  files: { before: readonly SchemaFile[]; after: readonly SchemaFile[]; schemasDir: string },
): Promise<string> {
  if (format === 'text') return formatText(base, reports);
  if (format === 'markdown') return formatMarkdown(base, reports);
  const textOf = (list: readonly SchemaFile[], file: string) =>
    list.find((entry) => entry.file === file)?.text;
  const document = diffDocument(base, reports, {
    pathOf: await repositoryPathsOf(files.schemasDir),
    textsOf: (file) => ({ before: textOf(files.before, file), after: textOf(files.after, file) }),
  });
  return format === 'json' ? `${JSON.stringify(document, null, 2)}\n` : diffAnnotations(document);
}
