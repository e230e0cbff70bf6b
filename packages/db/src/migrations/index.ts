import { InitialSchema } from './20261125-initial-schema.ts';

/** Every migration, oldest first. Add new ones at the end. */
export const migrations = [InitialSchema];
