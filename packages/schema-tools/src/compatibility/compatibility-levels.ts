import type { AvroSchema } from '../avro/schema-model.ts';
import { checkResolution } from './check-resolution.ts';
import type { Incompatibility } from './incompatibility.ts';

export const COMPATIBILITY_LEVELS = [
  'NONE',
  'BACKWARD',
  'BACKWARD_TRANSITIVE',
  'FORWARD',
  'FORWARD_TRANSITIVE',
  'FULL',
  'FULL_TRANSITIVE',
] as const;

export type CompatibilityLevel = (typeof COMPATIBILITY_LEVELS)[number];

/** Both directions of a change from one version of a schema to the next. */
export interface Verdict {
  /** BACKWARD: the new schema reads data written with the previous one. */
  readonly backward: readonly Incompatibility[];
  /** FORWARD: the previous schema reads data written with the new one. */
  readonly forward: readonly Incompatibility[];
}

/** The checker used twice: previous → next for BACKWARD, next → previous for FORWARD. */
export function judgeChange(previous: AvroSchema, next: AvroSchema): Verdict {
  return { backward: checkResolution(previous, next), forward: checkResolution(next, previous) };
}

export function needsBackward(level: CompatibilityLevel): boolean {
  return level.startsWith('BACKWARD') || level.startsWith('FULL');
}

export function needsForward(level: CompatibilityLevel): boolean {
  return level.startsWith('FORWARD') || level.startsWith('FULL');
}

/** Whether a change breaks a level. Transitive levels compare with every earlier version: pass each verdict. */
export function breaksLevel(level: CompatibilityLevel, verdict: Verdict): boolean {
  return (
    (needsBackward(level) && verdict.backward.length > 0) ||
    (needsForward(level) && verdict.forward.length > 0)
  );
}

export function isCompatibilityLevel(value: unknown): value is CompatibilityLevel {
  return (COMPATIBILITY_LEVELS as readonly unknown[]).includes(value);
}
