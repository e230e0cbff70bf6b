import type { SchemaFile } from '../schema-files.ts';
import { SchemaSource } from '../source/schema-source.ts';
import { formatViolation, type Violation } from '../validate/violation.ts';
import { placeOf, type Finding } from './finding.ts';
import { FORMAT_VERSION } from './format.ts';
import { cell } from './markdown-cell.ts';
import { workflowCommand } from './workflow-command.ts';

/** A schema file and the conventions it breaks. */
export interface ValidatedFile extends SchemaFile {
  readonly violations: readonly Violation[];
}

/** `validate --format json`: the shape README.md documents ("The JSON report"). */
export interface ValidateDocument {
  readonly formatVersion: typeof FORMAT_VERSION;
  readonly command: 'validate';
  /** Every schema follows the conventions (the exit code is 0). */
  readonly ok: boolean;
  readonly summary: { readonly schemas: number; readonly violations: number; readonly text: string };
  readonly schemas: readonly {
    readonly file: string;
    readonly valid: boolean;
    readonly findings: readonly Finding[];
  }[];
}

/** The last line of every format: what was found, or that there was nothing to validate. */
export function closingLine(dir: string, files: readonly ValidatedFile[]): string {
  if (files.length === 0) return `no .avsc files in ${dir}`;
  const violations = files.flatMap((file) => file.violations).length;
  if (violations > 0) return `${violations} convention violation(s) in ${files.length} schema(s)`;
  return `${files.length} schema(s) valid: ${files.map(({ file }) => file).join(', ')}`;
}

/** One line per violation, naming file and field, then the closing line. */
export function validateText(dir: string, files: readonly ValidatedFile[]): string[] {
  const lines = files.flatMap(({ file, violations }) => violations.map((v) => formatViolation(file, v)));
  return [...lines, closingLine(dir, files)];
}

export function validateMarkdown(dir: string, files: readonly ValidatedFile[]): string {
  const rows = files.flatMap(({ file, violations }) =>
    violations.map((v) => `| \`${file}\` | ${cell(v.where ?? '')} | ${v.rule} | ${cell(v.message)} |`),
  );
  const ok = files.length > 0 && rows.length === 0;
  const table = ['| file | where | rule | problem |', '| --- | --- | --- | --- |', ...rows].join('\n');
  const parts = ['## Schema conventions', ...(rows.length > 0 ? [table] : [])];
  parts.push(`**${ok ? '✅' : '❌'} ${closingLine(dir, files)}**`);
  return `${parts.join('\n\n')}\n`;
}

export function validateDocument(
  dir: string,
  files: readonly ValidatedFile[],
  pathOf: (file: string) => string,
): ValidateDocument {
  const violations = files.flatMap((file) => file.violations).length;
  return {
    formatVersion: FORMAT_VERSION,
    command: 'validate',
    ok: files.length > 0 && violations === 0,
    summary: { schemas: files.length, violations, text: closingLine(dir, files) },
    schemas: files.map(({ file, text, violations: found }) => {
      const source = new SchemaSource(text);
      return {
        file: pathOf(file),
        valid: found.length === 0,
        findings: found.map((violation) => {
          const place = placeOf(violation.path, source);
          const position = violation.rule === 'parse' ? (source.syntaxError ?? source.top) : place;
          return { rule: violation.rule, ...place, ...position, message: messageOf(violation) };
        }),
      };
    }),
  };
}

/** An `::error` on the line of each violation, then a `::notice` (or `::error`) with the closing line. */
export function validateAnnotations(document: ValidateDocument): string {
  const lines = document.schemas.flatMap(({ file, findings }) =>
    findings.map((finding) =>
      workflowCommand(
        'error',
        { file, line: finding.line, col: finding.column, title: `schema convention ${finding.rule}` },
        finding.message,
      ),
    ),
  );
  const closing = document.schemas.length === 0 ? 'error' : 'notice';
  lines.push(workflowCommand(closing, { title: 'Schema conventions' }, document.summary.text));
  return `${lines.join('\n')}\n`;
}

/** `field decision: enum LoanDecision has no default symbol`: the text line without the file. */
function messageOf({ where, message }: Violation): string {
  return where ? `${where}: ${message}` : message;
}
