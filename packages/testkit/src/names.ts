import { randomUUID } from 'node:crypto';

/** A name no other test (or earlier run) uses, for topics, groups and databases. */
export function uniqueName(prefix: string): string {
  return `${prefix}_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
}
