import { parseSchema } from '@prequal/events/logical-types';
import { readSchemaText } from '../avro/read-schema.ts';
import type { AvroSchema } from '../avro/schema-model.ts';
import {
  breaksLevel,
  judgeChange,
  type CompatibilityLevel,
  type Verdict,
} from '../compatibility/compatibility-levels.ts';
import type { SchemaFile } from '../schema-files.ts';
import { diffSchemas } from './diff-schemas.ts';
import type { SchemaChange } from './schema-change.ts';

/** What happened to one schema file between the base and the working tree, and whether it is allowed. */
export interface FileReport {
  readonly file: string;
  /** The registry subject of the schema, when a topic carries it. */
  readonly subject: string | undefined;
  readonly level: CompatibilityLevel;
  readonly status: 'added' | 'removed' | 'changed' | 'unchanged' | 'invalid';
  readonly changes: readonly SchemaChange[];
  /** Both directions, when there is a base version to compare with. */
  readonly verdict: Verdict | undefined;
  /** Whether the change breaks the subject's level (offline: against the base version only). */
  readonly breaks: boolean;
  readonly error: string | undefined;
}

export interface SubjectResolver {
  /** The subject of a schema by its full name (e.g. in.prequal.loan.LoanDecisionMade). */
  readonly subjectOf: (fullName: string) => string | undefined;
  readonly levelOf: (subject: string | undefined) => CompatibilityLevel;
}

/** One report per schema file present at the base, in the working tree, or both; sorted by file. */
export function reportChanges(
  base: readonly SchemaFile[],
  current: readonly SchemaFile[],
  subjects: SubjectResolver,
): FileReport[] {
  const files = [...new Set([...base, ...current].map(({ file }) => file))].sort();
  return files.map((file) =>
    reportFile(
      file,
      base.find((entry) => entry.file === file)?.text,
      current.find((entry) => entry.file === file)?.text,
      subjects,
    ),
  );
}

function reportFile(
  file: string,
  before: string | undefined,
  after: string | undefined,
  subjects: SubjectResolver,
): FileReport {
  let previous: AvroSchema | undefined;
  let next: AvroSchema | undefined;
  try {
    previous = before === undefined ? undefined : read(before, 'the base version');
    next = after === undefined ? undefined : read(after, 'the working tree version');
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ...empty(file, undefined, subjects), status: 'invalid', breaks: true, error: message };
  }
  const root = next ?? previous;
  const subject = root && 'fullName' in root ? subjects.subjectOf(root.fullName) : undefined;
  if (!previous) return { ...empty(file, subject, subjects), status: 'added' };
  if (!next) return { ...empty(file, subject, subjects), status: 'removed' };
  const changes = diffSchemas(previous, next);
  const verdict = judgeChange(previous, next);
  const level = subjects.levelOf(subject);
  return {
    ...empty(file, subject, subjects),
    status: changes.length > 0 ? 'changed' : 'unchanged',
    changes,
    verdict,
    breaks: breaksLevel(level, verdict),
  };
}

function read(text: string, which: string): AvroSchema {
  try {
    parseSchema(text);
    return readSchemaText(text);
  } catch (error) {
    throw new Error(`${which} does not parse: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
}

function empty(file: string, subject: string | undefined, subjects: SubjectResolver): FileReport {
  return {
    file,
    subject,
    level: subjects.levelOf(subject),
    status: 'unchanged',
    changes: [],
    verdict: undefined,
    breaks: false,
    error: undefined,
  };
}
