import type { DiffDocument, DiffEntry } from './diff-document.ts';
import { workflowCommand } from './workflow-command.ts';

/**
 * `diff --format github-actions`: an `::error` on the field's line for each finding that breaks the
 * subject's level, a `::warning` for an incompatibility the level allows and for a change a
 * reviewer must know about (a decimal's scale), and a closing `::notice` with the summary. Titles
 * avoid `:` and `,`, which a property value can only carry escaped.
 */
export function diffAnnotations(document: DiffDocument): string {
  const lines = document.schemas.flatMap(entryAnnotations);
  lines.push(
    workflowCommand(
      'notice',
      { title: `Schema compatibility against ${document.base}` },
      document.summary.text,
    ),
  );
  return `${lines.join('\n')}\n`;
}

function entryAnnotations(entry: DiffEntry): string[] {
  const name = entry.subject ?? entry.file;
  const at = (place: { line: number; column: number }) => ({
    file: entry.file,
    line: place.line,
    col: place.column,
  });
  const lines: string[] = [];
  if (entry.error) {
    lines.push(
      workflowCommand('error', { ...at(entry.error), title: `${name} is invalid` }, entry.error.message),
    );
  }
  for (const which of ['backward', 'forward'] as const) {
    const verdict = entry.verdict?.[which];
    if (!verdict || verdict.compatible) continue;
    const direction = which.toUpperCase();
    const title = verdict.required
      ? `${name} breaks ${entry.level}`
      : `${name} is ${direction} incompatible (${entry.level} allows it)`;
    for (const finding of verdict.findings) {
      const command = verdict.required ? 'error' : 'warning';
      lines.push(
        workflowCommand(
          command,
          { ...at(finding), title: `${title} (${direction} ${finding.rule})` },
          finding.message,
        ),
      );
    }
  }
  for (const change of entry.changes) {
    if (!change.warning) continue;
    const title = `${name} ${change.where} ${change.aspect ?? change.kind}`;
    lines.push(workflowCommand('warning', { ...at(change), title }, change.warning));
  }
  return lines;
}
