import type { Direction } from '../compatibility/describe-incompatibility.ts';
import { isRefused, type CheckOutcome } from '../registry/check-outcome.ts';
import { SchemaSource } from '../source/schema-source.ts';
import { closingLine, fileOf } from './check-report.ts';
import { placeOf, type FileProblem, type Finding } from './finding.ts';
import { FORMAT_VERSION } from './format.ts';
import { workflowCommand } from './workflow-command.ts';

/** `check --format json`: the shape README.md documents ("The JSON report"). */
export interface CheckDocument {
  readonly formatVersion: typeof FORMAT_VERSION;
  readonly command: 'check';
  readonly registry: string;
  /** The registry would take every schema (the exit code is 0). */
  readonly ok: boolean;
  readonly summary: { readonly schemas: number; readonly refused: number; readonly text: string };
  readonly schemas: readonly CheckEntry[];
}

export interface CheckEntry {
  readonly file: string;
  readonly subject: string | null;
  readonly level: string | null;
  readonly status: CheckOutcome['kind'];
  /** The subject's latest version, when it has one. */
  readonly latestVersion: number | null;
  /** The version (and schema id) that already holds exactly this schema. */
  readonly registeredAs: { readonly version: number; readonly id: number } | null;
  readonly registryMessages: readonly string[];
  /** The versions our checker compared with when the registry gave no reasons. */
  readonly comparedVersions: readonly number[];
  readonly findings: readonly CheckFinding[];
  readonly error: FileProblem | null;
}

export interface CheckFinding extends Finding {
  readonly direction: Direction;
  readonly againstVersion: number;
}

export function checkDocument(
  registry: string,
  outcomes: readonly CheckOutcome[],
  pathOf: (file: string) => string,
): CheckDocument {
  const refused = outcomes.filter(isRefused).length;
  return {
    formatVersion: FORMAT_VERSION,
    command: 'check',
    registry,
    ok: refused === 0,
    summary: { schemas: outcomes.length, refused, text: closingLine(outcomes) },
    schemas: outcomes.map((outcome) => entryOf(outcome, pathOf(fileOf(outcome)))),
  };
}

/** An `::error` per reason a schema would be refused, on its field's line, then a closing `::notice`. */
export function checkAnnotations(document: CheckDocument): string {
  const lines = document.schemas.flatMap((entry) => {
    const at = (place: { line: number; column: number }) => ({
      file: entry.file,
      line: place.line,
      col: place.column,
    });
    const name = entry.subject ?? entry.file;
    if (entry.error)
      return [
        workflowCommand(
          'error',
          { ...at(entry.error), title: `${name} cannot be checked` },
          entry.error.message,
        ),
      ];
    if (entry.status !== 'incompatible') return [];
    const title = `${name} refused under ${entry.level ?? 'its level'}`;
    const messages = entry.registryMessages.map((message) =>
      workflowCommand('error', { file: entry.file, title }, message),
    );
    const findings = entry.findings.map((finding) => {
      const against = `version ${finding.againstVersion} ${finding.direction.toUpperCase()} ${finding.rule}`;
      return workflowCommand('error', { ...at(finding), title: `${title} (${against})` }, finding.message);
    });
    const unexplained =
      messages.length + findings.length === 0
        ? [
            workflowCommand(
              'error',
              { file: entry.file, title },
              'the registry gives no reasons, and our checker finds none',
            ),
          ]
        : [];
    return [...messages, ...findings, ...unexplained];
  });
  lines.push(
    workflowCommand(
      'notice',
      { title: 'Schemas against the registry' },
      `${document.summary.text} (${document.registry})`,
    ),
  );
  return `${lines.join('\n')}\n`;
}

function entryOf(outcome: CheckOutcome, file: string): CheckEntry {
  const none = {
    latestVersion: null,
    registeredAs: null,
    registryMessages: [],
    comparedVersions: [],
    findings: [],
  };
  if (outcome.kind === 'invalid') {
    const source = new SchemaSource(outcome.sourceText);
    const error = { message: outcome.error, ...(source.syntaxError ?? source.top) };
    return { file, subject: null, level: null, status: 'invalid', ...none, error };
  }
  const base = {
    file,
    subject: outcome.local.subject,
    level: outcome.local.level,
    status: outcome.kind,
    error: null,
  };
  switch (outcome.kind) {
    case 'new':
      return { ...base, ...none };
    case 'registered':
      return {
        ...base,
        ...none,
        latestVersion: outcome.latestVersion,
        registeredAs: { version: outcome.version, id: outcome.id },
      };
    case 'compatible':
      return { ...base, ...none, level: outcome.level, latestVersion: outcome.latestVersion };
    case 'incompatible': {
      const source = new SchemaSource(outcome.local.sourceText);
      const previous = new Map(
        outcome.compared.map(({ version, text }) => [version, new SchemaSource(text)]),
      );
      return {
        ...base,
        level: outcome.level,
        latestVersion: outcome.latestVersion,
        registeredAs: null,
        registryMessages: outcome.registryMessages,
        comparedVersions: outcome.compared.map(({ version }) => version),
        findings: outcome.explanations.map(({ version, direction, incompatibility, message }) => ({
          rule: incompatibility.reason.kind,
          ...placeOf(incompatibility.path, source, previous.get(version)),
          message,
          direction,
          againstVersion: version,
        })),
      };
    }
  }
}
