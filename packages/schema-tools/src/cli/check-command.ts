import { readSchemaText } from '../avro/read-schema.ts';
import { isCompatibilityLevel, type CompatibilityLevel } from '../compatibility/compatibility-levels.ts';
import { repositoryPathsOf } from '../git/repository-paths.ts';
import { isRefused, type CheckOutcome } from '../registry/check-outcome.ts';
import { explainFindings, versionsToCompare } from '../registry/explain-incompatibility.ts';
import type { LocalSchema } from '../registry/local-schema.ts';
import type { RegistryClient } from '../registry/registry-client.ts';
import { checkAnnotations, checkDocument } from '../report/check-document.ts';
import { checkMarkdown, checkText } from '../report/check-report.ts';
import type { Format } from '../report/format.ts';
import { result, type CommandResult } from './command-result.ts';
import { isUnfit, openRegistrySession, type RegistryOptions } from './registry-session.ts';

export interface CheckOptions extends RegistryOptions {
  readonly format?: Format;
}

/** Each local schema against its subject in the registry; exit 1 when one would be refused. */
export async function runCheck({ format = 'text', ...options }: CheckOptions = {}): Promise<CommandResult> {
  const { client, schemas, schemasDir } = await openRegistrySession(options);
  const outcomes: CheckOutcome[] = [];
  for (const local of schemas) {
    outcomes.push(isUnfit(local) ? { kind: 'invalid', ...local } : await checkOne(client, local));
  }
  const exitCode = outcomes.some(isRefused) ? 1 : 0;
  switch (format) {
    case 'text':
      return result(exitCode, checkText(client.baseUrl, outcomes));
    case 'markdown':
      return { exitCode, output: checkMarkdown(client.baseUrl, outcomes) };
    case 'json':
    case 'github-actions': {
      const document = checkDocument(client.baseUrl, outcomes, await repositoryPathsOf(schemasDir));
      const output =
        format === 'json' ? `${JSON.stringify(document, null, 2)}\n` : checkAnnotations(document);
      return { exitCode, output };
    }
  }
}

async function checkOne(client: RegistryClient, local: LocalSchema): Promise<CheckOutcome> {
  const latest = await client.latest(local.subject);
  if (!latest) return { kind: 'new', local };
  const existing = await client.lookup(local.subject, local.text);
  if (existing) {
    const { version, id } = existing;
    return { kind: 'registered', local, latestVersion: latest.version, version, id };
  }
  const answer = await client.testCompatibility(local.subject, local.text);
  const level = levelOrDefault(await client.compatibilityLevel(local.subject), local.level);
  const latestVersion = latest.version;
  if (answer.isCompatible) return { kind: 'compatible', local, level, latestVersion };
  if (answer.messages.length > 0) {
    const registryMessages = answer.messages;
    return {
      kind: 'incompatible',
      local,
      level,
      latestVersion,
      registryMessages,
      compared: [],
      explanations: [],
    };
  }
  // The registry said no without saying why: our checker against the versions the level compares with.
  const numbers = versionsToCompare(level, await client.versions(local.subject));
  const registered = await Promise.all(numbers.map((number) => client.version(local.subject, number)));
  const compared = registered.flatMap((entry) =>
    entry ? [{ version: entry.version, text: entry.schema }] : [],
  );
  const versions = compared.map(({ version, text }) => ({ version, schema: readSchemaText(text) }));
  const explanations = explainFindings(level, versions, local.schema);
  return { kind: 'incompatible', local, level, latestVersion, registryMessages: [], compared, explanations };
}

function levelOrDefault(level: string | undefined, fallback: CompatibilityLevel): CompatibilityLevel {
  return isCompatibilityLevel(level) ? level : fallback;
}
