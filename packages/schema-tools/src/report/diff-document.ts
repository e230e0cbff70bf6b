import {
  needsBackward,
  needsForward,
  type CompatibilityLevel,
} from '../compatibility/compatibility-levels.ts';
import type { Direction } from '../compatibility/describe-incompatibility.ts';
import type { FileReport } from '../diff/file-report.ts';
import type { SchemaChange } from '../diff/schema-change.ts';
import { SchemaSource } from '../source/schema-source.ts';
import {
  compatibilityFindings,
  placeOf,
  type FieldPlace,
  type FileProblem,
  type Finding,
} from './finding.ts';
import { FORMAT_VERSION } from './format.ts';
import { summaryOf } from './verdict-rows.ts';

/** `diff --format json`: the shape README.md documents ("The JSON report"). */
export interface DiffDocument {
  readonly formatVersion: typeof FORMAT_VERSION;
  readonly command: 'diff';
  readonly base: string;
  /** No schema breaks its subject's compatibility level (the exit code is 0). */
  readonly ok: boolean;
  readonly summary: DiffSummary;
  readonly schemas: readonly DiffEntry[];
}

export interface DiffSummary {
  readonly schemas: number;
  readonly changed: number;
  readonly added: number;
  readonly removed: number;
  readonly unchanged: number;
  readonly invalid: number;
  readonly breaking: number;
  /** The closing sentence of the text report. */
  readonly text: string;
}

export interface DiffEntry {
  /** The file's path from the repository root, e.g. `schemas/LoanDecisionMade.avsc`. */
  readonly file: string;
  readonly subject: string | null;
  readonly level: CompatibilityLevel;
  readonly status: FileReport['status'];
  readonly breaks: boolean;
  readonly error: FileProblem | null;
  readonly changes: readonly ChangeEntry[];
  /** Both directions and FULL, for a changed (or unchanged) schema; null when there is nothing to compare. */
  readonly verdict: {
    readonly backward: DirectionVerdict;
    readonly forward: DirectionVerdict;
    readonly full: { readonly required: boolean; readonly compatible: boolean };
  } | null;
}

export interface DirectionVerdict {
  /** Whether the subject's level requires this direction. */
  readonly required: boolean;
  readonly compatible: boolean;
  readonly findings: readonly Finding[];
}

export interface ChangeEntry extends FieldPlace {
  readonly kind: SchemaChange['kind'];
  readonly where: string;
  readonly aspect: string | null;
  readonly before: string | null;
  readonly after: string | null;
  readonly warning: string | null;
}

/** The texts of a schema file at the base and in the working tree, and its path in the repository. */
export interface DiffFiles {
  readonly pathOf: (file: string) => string;
  readonly textsOf: (file: string) => {
    readonly before: string | undefined;
    readonly after: string | undefined;
  };
}

/** The diff report as data, each change and finding placed on its line of the working tree file. */
export function diffDocument(base: string, reports: readonly FileReport[], files: DiffFiles): DiffDocument {
  const count = (status: FileReport['status']) => reports.filter((report) => report.status === status).length;
  const breaking = reports.filter((report) => report.breaks).length;
  return {
    formatVersion: FORMAT_VERSION,
    command: 'diff',
    base,
    ok: breaking === 0,
    summary: {
      schemas: reports.length,
      changed: count('changed'),
      added: count('added'),
      removed: count('removed'),
      unchanged: count('unchanged'),
      invalid: count('invalid'),
      breaking,
      text: summaryOf(reports),
    },
    schemas: reports.map((report) => entryOf(report, files)),
  };
}

function entryOf(report: FileReport, files: DiffFiles): DiffEntry {
  const { before, after } = files.textsOf(report.file);
  // A removed file is placed in its base version: there is no other.
  const source = new SchemaSource(after ?? before ?? '');
  const previous = before === undefined ? undefined : new SchemaSource(before);
  const { level, verdict } = report;
  const direction = (which: Direction, required: boolean): DirectionVerdict => {
    const findings = compatibilityFindings(verdict?.[which] ?? [], which, source, previous);
    return { required, compatible: findings.length === 0, findings };
  };
  return {
    file: files.pathOf(report.file),
    subject: report.subject ?? null,
    level,
    status: report.status,
    breaks: report.breaks,
    error:
      report.error === undefined ? null : { message: report.error, ...(source.syntaxError ?? source.top) },
    changes: report.changes.map((change) => ({
      kind: change.kind,
      where: change.where,
      ...placeOf(change.path, source, previous),
      aspect: change.aspect ?? null,
      before: change.before ?? null,
      after: change.after ?? null,
      warning: change.warning ?? null,
    })),
    verdict: verdict
      ? {
          backward: direction('backward', needsBackward(level)),
          forward: direction('forward', needsForward(level)),
          full: {
            required: needsBackward(level) && needsForward(level),
            compatible: verdict.backward.length === 0 && verdict.forward.length === 0,
          },
        }
      : null,
  };
}
