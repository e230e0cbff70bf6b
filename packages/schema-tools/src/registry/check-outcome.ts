import type { CompatibilityLevel } from '../compatibility/compatibility-levels.ts';
import type { Explanation } from './explain-incompatibility.ts';
import type { LocalSchema, UnfitSchema } from './local-schema.ts';

/** What `check` found for one local schema against its subject in the registry. */
export type CheckOutcome =
  | ({ readonly kind: 'invalid' } & UnfitSchema)
  | { readonly kind: 'new'; readonly local: LocalSchema }
  | {
      readonly kind: 'registered';
      readonly local: LocalSchema;
      readonly latestVersion: number;
      /** The version that holds exactly this schema. */
      readonly version: number;
      readonly id: number;
    }
  | {
      readonly kind: 'compatible';
      readonly local: LocalSchema;
      readonly level: CompatibilityLevel;
      readonly latestVersion: number;
    }
  | {
      readonly kind: 'incompatible';
      readonly local: LocalSchema;
      readonly level: CompatibilityLevel;
      readonly latestVersion: number;
      /** The registry's own reasons (Confluent gives them; Apicurio does not). */
      readonly registryMessages: readonly string[];
      /** Without registry reasons: the versions our checker compared with, their texts, and its reasons. */
      readonly compared: readonly { readonly version: number; readonly text: string }[];
      readonly explanations: readonly Explanation[];
    };

/** Whether the registry would refuse the schema (or it cannot be sent at all). */
export function isRefused(outcome: CheckOutcome): boolean {
  return outcome.kind === 'invalid' || outcome.kind === 'incompatible';
}
