import type { FileReport } from '../diff/file-report.ts';
import type { SchemaChange } from '../diff/schema-change.ts';
import { cell } from './markdown-cell.ts';
import { statusOf, summaryOf, titleOf, verdictRows } from './verdict-rows.ts';

/** The diff report to paste into a code review: per subject, a table of changes and a verdict per level. */
export function formatMarkdown(base: string, reports: readonly FileReport[]): string {
  const sections = reports.map(section);
  return (
    [
      `## Schema compatibility against \`${base}\``,
      `Offline check: each schema is compared with its version at \`${base}\`, so a \`*_TRANSITIVE\` level is judged as its non-transitive form.`,
      ...sections,
      `**${summaryOf(reports)}**`,
    ].join('\n\n') + '\n'
  );
}

function section(report: FileReport): string {
  const icon = report.breaks ? '❌' : report.status === 'changed' ? '✅' : '➖';
  const parts = [`### ${icon} \`${titleOf(report)}\`: ${cell(statusOf(report))}`];
  if (report.changes.length > 0) {
    parts.push(
      [
        '| change | where | before | after |',
        '| --- | --- | --- | --- |',
        ...report.changes.map(changeRow),
      ].join('\n'),
    );
  }
  if (report.status === 'changed' && report.verdict) {
    const rows = verdictRows(report.verdict).map(
      (row) =>
        `| ${row.level} | ${row.compatible ? '✅ compatible' : '❌ incompatible'} | ${row.reasons.map(cell).join('<br>')} |`,
    );
    parts.push(['| level | verdict | why |', '| --- | --- | --- |', ...rows].join('\n'));
  }
  const warnings = report.changes.flatMap((change) =>
    change.warning ? [`> ⚠️ ${change.where}: ${change.warning}`] : [],
  );
  if (warnings.length > 0) parts.push(warnings.join('\n>\n'));
  return parts.join('\n\n');
}

function changeRow(change: SchemaChange): string {
  const what = change.kind === 'changed' ? `changed ${change.aspect ?? ''}` : change.kind;
  return `| ${what} | ${cell(change.where)} | ${cell(change.before ?? '')} | ${cell(change.after ?? '')} |`;
}
