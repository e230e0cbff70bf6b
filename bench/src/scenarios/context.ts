import type { StackEndpoints } from '@prequal/testkit';
import type { Profile } from '../profile.ts';
import type { PhaseCpu } from '../results.ts';

/** What every scenario gets, and where it records CPU usage and anything a reader should know. */
export interface ScenarioContext {
  readonly profile: Profile;
  readonly endpoints: StackEndpoints;
  readonly cpu: PhaseCpu[];
  readonly warnings: string[];
}
