import type { AvroSchema } from '../avro/schema-model.ts';
import {
  judgeChange,
  needsBackward,
  needsForward,
  type CompatibilityLevel,
} from '../compatibility/compatibility-levels.ts';
import { describeIncompatibility, type Direction } from '../compatibility/describe-incompatibility.ts';
import type { Incompatibility } from '../compatibility/incompatibility.ts';

export interface RegisteredVersion {
  readonly version: number;
  readonly schema: AvroSchema;
}

/** One reason a local schema cannot follow a registered version. */
export interface Explanation {
  readonly version: number;
  readonly direction: Direction;
  readonly incompatibility: Incompatibility;
  /** In plain words, naming the field. */
  readonly message: string;
}

/**
 * Our checker's reasons why a local schema cannot follow registered versions under a level: for
 * each version, the directions the level requires, each reason once. Used when the registry says
 * "incompatible" without saying why.
 */
export function explainFindings(
  level: CompatibilityLevel,
  registered: readonly RegisteredVersion[],
  local: AvroSchema,
): Explanation[] {
  const directions: Direction[] = [
    ...(needsBackward(level) ? (['backward'] as const) : []),
    ...(needsForward(level) ? (['forward'] as const) : []),
  ];
  return registered.flatMap(({ version, schema }) => {
    const verdict = judgeChange(schema, local);
    return directions.flatMap((direction) => {
      const seen = new Set<string>();
      return verdict[direction].flatMap((incompatibility) => {
        const message = describeIncompatibility(incompatibility, direction);
        if (seen.has(message)) return [];
        seen.add(message);
        return [{ version, direction, incompatibility, message }];
      });
    });
  });
}

/** The explanations as lines: `against version 1, FORWARD: field reason removed without a default: …` */
export function explainIncompatibility(
  level: CompatibilityLevel,
  registered: readonly RegisteredVersion[],
  local: AvroSchema,
): string[] {
  return explainFindings(level, registered, local).map(describeExplanation);
}

export function describeExplanation({ version, direction, message }: Explanation): string {
  return `against version ${version}, ${direction.toUpperCase()}: ${message}`;
}

/** The registered versions a level compares a new schema with: all of them when transitive, else the latest. */
export function versionsToCompare(level: CompatibilityLevel, versions: readonly number[]): number[] {
  if (level.endsWith('_TRANSITIVE')) return [...versions];
  const latest = versions.at(-1);
  return latest === undefined ? [] : [latest];
}
