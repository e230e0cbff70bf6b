import { reportChanges } from '../diff/file-report.ts';
import { readSchemaFilesAtRef } from '../git/schema-files-at-ref.ts';
import { formatMarkdown } from '../report/format-markdown.ts';
import { formatText } from '../report/format-text.ts';
import { readSchemaFiles, SCHEMAS_DIR } from '../schema-files.ts';
import { subjectsOfTopicTable, type Subjects } from '../subjects.ts';
import type { CommandResult } from './command-result.ts';

export interface DiffOptions {
  /** The git ref to compare with (a branch, tag, commit, HEAD~1). */
  readonly base: string;
  readonly format?: 'text' | 'markdown';
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
  const output = format === 'markdown' ? formatMarkdown(base, reports) : formatText(base, reports);
  return { exitCode: reports.some((report) => report.breaks) ? 1 : 0, output };
}
