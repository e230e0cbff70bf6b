import {
  describeIncompatibility,
  formatPath,
  type Direction,
} from '../compatibility/describe-incompatibility.ts';
import type { Incompatibility } from '../compatibility/incompatibility.ts';
import type { SchemaSource } from '../source/schema-source.ts';
import type { SourcePosition } from '../source/source-position.ts';

/** A field, placed in its file: where a finding or a change is in the JSON report. */
export interface FieldPlace {
  /** `applicant.address.city`, `tags[]`; null for the schema as a whole. */
  readonly field: string | null;
  readonly path: readonly string[];
  readonly line: number;
  readonly column: number;
}

/** One thing a report found, with its rule id: what the JSON report lists and an annotation shows. */
export interface Finding extends FieldPlace {
  /** A convention (`doc`, `enum-default`, …) or an Avro resolution rule (`missing-default`, …). */
  readonly rule: string;
  readonly message: string;
}

/** A problem with a whole file (it does not parse, no topic carries it). */
export interface FileProblem extends SourcePosition {
  readonly message: string;
}

/**
 * The place of a field in the current file. A field only `previous` has (removed, or the old
 * reader's in a FORWARD finding) is placed where it was.
 */
export function placeOf(path: readonly string[], source: SchemaSource, previous?: SchemaSource): FieldPlace {
  const { line, column } = path.length > 0 ? source.fieldPosition(path, previous) : source.top;
  return { field: path.length > 0 ? formatPath(path) : null, path, line, column };
}

/** The findings of one direction of a verdict, each once (a writer union can repeat one). */
export function compatibilityFindings(
  found: readonly Incompatibility[],
  direction: Direction,
  source: SchemaSource,
  previous?: SchemaSource,
): Finding[] {
  const seen = new Set<string>();
  return found.flatMap((incompatibility) => {
    const message = describeIncompatibility(incompatibility, direction);
    if (seen.has(message)) return [];
    seen.add(message);
    return [
      { rule: incompatibility.reason.kind, ...placeOf(incompatibility.path, source, previous), message },
    ];
  });
}
