import type { Verdict } from '../compatibility/compatibility-levels.ts';
import { describeAll } from '../compatibility/describe-incompatibility.ts';
import type { FileReport } from '../diff/file-report.ts';

export interface VerdictRow {
  readonly level: string;
  readonly compatible: boolean;
  /** Plain-words reasons, each naming the field. */
  readonly reasons: readonly string[];
}

/** BACKWARD, FORWARD and FULL for one change, with the reasons of each failing direction. */
export function verdictRows(verdict: Verdict): VerdictRow[] {
  const backward = describeAll(verdict.backward, 'backward');
  const forward = describeAll(verdict.forward, 'forward');
  return [
    { level: 'BACKWARD (new reader, old data)', compatible: backward.length === 0, reasons: backward },
    { level: 'FORWARD (old reader, new data)', compatible: forward.length === 0, reasons: forward },
    { level: 'FULL', compatible: backward.length === 0 && forward.length === 0, reasons: [] },
  ];
}

/** `loan_decisions_made-value (LoanDecisionMade.avsc)` */
export function titleOf(report: FileReport): string {
  return `${report.subject ?? 'no subject (no topic carries this schema)'} (${report.file})`;
}

/** What the status means, in words. */
export function statusOf(report: FileReport): string {
  switch (report.status) {
    case 'added':
      return 'added: a new subject, nothing to compare with';
    case 'removed':
      return 'removed: the registry keeps its versions; nothing to compare with';
    case 'invalid':
      return `invalid: ${report.error ?? 'does not parse'}`;
    case 'unchanged':
      return 'unchanged';
    case 'changed':
      return report.breaks ? `changed, breaks ${report.level}` : `changed, compatible under ${report.level}`;
  }
}

/** The closing line: how many schemas changed and how many break their subject's level. */
export function summaryOf(reports: readonly FileReport[]): string {
  const count = (status: FileReport['status']): number => reports.filter((r) => r.status === status).length;
  const parts = (['changed', 'added', 'removed', 'unchanged', 'invalid'] as const)
    .filter((status) => count(status) > 0)
    .map((status) => `${count(status)} ${status}`);
  const breaking = reports.filter((report) => report.breaks).length;
  const verdict =
    breaking === 0
      ? "no schema breaks its subject's compatibility level"
      : `${breaking} ${breaking === 1 ? 'schema breaks its' : 'schemas break their'} subject's compatibility level`;
  return `${reports.length} ${reports.length === 1 ? 'schema' : 'schemas'}: ${parts.join(', ') || 'none'}; ${verdict}.`;
}
