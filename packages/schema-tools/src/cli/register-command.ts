import type { LocalSchema } from '../registry/local-schema.ts';
import { RegistryError, type RegistryClient } from '../registry/registry-client.ts';
import { result, type CommandResult } from './command-result.ts';
import { isUnfit, openRegistrySession, type RegistryOptions } from './registry-session.ts';

interface Outcome {
  readonly ok: boolean;
  readonly line: string;
}

/**
 * Sets each subject's compatibility level, then registers its schema unless that exact schema is
 * already a version of it: running it twice registers nothing new.
 */
export async function runRegister(options: RegistryOptions = {}): Promise<CommandResult> {
  const { client, schemas } = await openRegistrySession(options);
  const outcomes: Outcome[] = [];
  for (const local of schemas) {
    outcomes.push(isUnfit(local) ? { ok: false, line: local.error } : await registerOne(client, local));
  }
  const failed = outcomes.filter((outcome) => !outcome.ok).length;
  const lines = [`Registering with ${client.baseUrl}`, ...outcomes.map((outcome) => outcome.line)];
  if (failed > 0) lines.push(`${failed} schema(s) not registered`);
  return result(failed === 0 ? 0 : 1, lines);
}

async function registerOne(client: RegistryClient, local: LocalSchema): Promise<Outcome> {
  const title = `${local.subject} (${local.file})`;
  await client.setCompatibilityLevel(local.subject, local.level);
  const existing = await client.lookup(local.subject, local.text);
  if (existing) {
    return {
      ok: true,
      line: `${title}: ${local.level}, version ${existing.version}, id ${existing.id} (already registered)`,
    };
  }
  try {
    await client.register(local.subject, local.text);
  } catch (error) {
    if (error instanceof RegistryError && error.status === 409) {
      return { ok: false, line: `${title}: refused under ${local.level}: ${error.message}` };
    }
    throw error;
  }
  const registered = await client.lookup(local.subject, local.text);
  if (!registered)
    throw new Error(`${local.subject}: registered, but the registry does not find the schema again`);
  return {
    ok: true,
    line: `${title}: ${local.level}, version ${registered.version}, id ${registered.id} (registered)`,
  };
}
