import type { CompatibilityLevel } from '../compatibility/compatibility-levels.ts';
import { result, type CommandResult } from './command-result.ts';
import { isUnfit, openRegistrySession, type RegistryOptions } from './registry-session.ts';

export interface SetCompatibilityOptions extends RegistryOptions {
  readonly level: CompatibilityLevel;
  /** One subject; else the subject of each of our schemas. */
  readonly subject?: string;
}

/** Sets a subject's compatibility level (`PUT /config/{subject}`), saying what it was. */
export async function runSetCompatibility({
  level,
  subject,
  ...options
}: SetCompatibilityOptions): Promise<CommandResult> {
  const { client, schemas } = await openRegistrySession(options);
  const problems = subject ? [] : schemas.filter(isUnfit).map((unfit) => unfit.error);
  const subjects = subject ? [subject] : schemas.flatMap((local) => (isUnfit(local) ? [] : [local.subject]));
  const lines = [`Setting compatibility at ${client.baseUrl}`];
  for (const name of subjects) {
    const before = await client.compatibilityLevel(name);
    await client.setCompatibilityLevel(name, level);
    lines.push(`${name}: ${level}${before === level ? ' (unchanged)' : ` (was ${before ?? 'unset'})`}`);
  }
  lines.push(...problems);
  return result(problems.length === 0 ? 0 : 1, lines);
}
