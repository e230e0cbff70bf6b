import type { AvroSchema } from '../avro/schema-model.ts';
import {
  judgeChange,
  needsBackward,
  needsForward,
  type CompatibilityLevel,
} from '../compatibility/compatibility-levels.ts';
import { describeAll } from '../compatibility/describe-incompatibility.ts';

export interface RegisteredVersion {
  readonly version: number;
  readonly schema: AvroSchema;
}

/**
 * Our checker's reasons why a local schema cannot follow registered versions under a level: for
 * each version, the directions the level requires. Used when the registry says "incompatible"
 * without saying why.
 */
export function explainIncompatibility(
  level: CompatibilityLevel,
  registered: readonly RegisteredVersion[],
  local: AvroSchema,
): string[] {
  return registered.flatMap(({ version, schema }) => {
    const verdict = judgeChange(schema, local);
    const reasons = [
      ...(needsBackward(level) ? describeAll(verdict.backward, 'backward').map((r) => `BACKWARD: ${r}`) : []),
      ...(needsForward(level) ? describeAll(verdict.forward, 'forward').map((r) => `FORWARD: ${r}`) : []),
    ];
    return reasons.map((reason) => `against version ${version}, ${reason}`);
  });
}

/** The registered versions a level compares a new schema with: all of them when transitive, else the latest. */
export function versionsToCompare(level: CompatibilityLevel, versions: readonly number[]): number[] {
  if (level.endsWith('_TRANSITIVE')) return [...versions];
  const latest = versions.at(-1);
  return latest === undefined ? [] : [latest];
}
