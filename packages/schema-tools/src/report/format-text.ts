import type { FileReport } from '../diff/file-report.ts';
import type { SchemaChange } from '../diff/schema-change.ts';
import { statusOf, summaryOf, titleOf, verdictRows } from './verdict-rows.ts';

/** The diff report for a terminal. */
export function formatText(base: string, reports: readonly FileReport[]): string {
  const lines = [
    `Schema changes against ${base} (offline: each schema is compared with its version at ${base})`,
  ];
  for (const report of reports) {
    lines.push('', `${titleOf(report)}: ${statusOf(report)}`);
    lines.push(...report.changes.flatMap(changeLines));
    if (report.status !== 'changed' || !report.verdict) continue;
    for (const row of verdictRows(report.verdict)) {
      lines.push(`  ${row.level}: ${row.compatible ? 'compatible' : 'incompatible'}`);
      lines.push(...row.reasons.map((reason) => `    ${reason}`));
    }
  }
  lines.push('', summaryOf(reports));
  return `${lines.join('\n')}\n`;
}

function changeLines(change: SchemaChange): string[] {
  const line =
    change.kind === 'added'
      ? `  + ${change.where}: ${change.after ?? ''}`
      : change.kind === 'removed'
        ? `  - ${change.where}: ${change.before ?? ''}`
        : `  ~ ${change.where} ${change.aspect ?? ''}: ${change.before ?? ''} → ${change.after ?? ''}`;
  return change.warning ? [line, `    warning: ${change.warning}`] : [line];
}
