import { readSchemaText } from '../avro/read-schema.ts';
import { isCompatibilityLevel, type CompatibilityLevel } from '../compatibility/compatibility-levels.ts';
import { explainIncompatibility, versionsToCompare } from '../registry/explain-incompatibility.ts';
import { toLocalSchema, type LocalSchema } from '../registry/local-schema.ts';
import { RegistryClient } from '../registry/registry-client.ts';
import { readSchemaFiles, SCHEMAS_DIR } from '../schema-files.ts';
import { subjectsOfTopicTable, type Subjects } from '../subjects.ts';
import { result, type CommandResult } from './command-result.ts';
import { defaultRegistryUrl } from './registry-url.ts';

export interface RegistryOptions {
  readonly registryUrl?: string;
  readonly schemasDir?: string;
  readonly subjects?: Subjects;
}

interface Outcome {
  readonly ok: boolean;
  readonly lines: readonly string[];
}

/** Each local schema against its subject in the registry; exit 1 when one would be refused. */
export async function runCheck({
  registryUrl = defaultRegistryUrl(),
  schemasDir = SCHEMAS_DIR,
  subjects,
}: RegistryOptions = {}): Promise<CommandResult> {
  const client = new RegistryClient(registryUrl);
  await client.ping();
  const resolver = subjects ?? (await subjectsOfTopicTable());
  const outcomes: Outcome[] = [];
  for (const file of await readSchemaFiles(schemasDir)) {
    const local = toLocalSchema(file, resolver);
    outcomes.push('error' in local ? { ok: false, lines: [local.error] } : await checkOne(client, local));
  }
  const failed = outcomes.filter((outcome) => !outcome.ok).length;
  const summary = failed === 0 ? 'every schema can be registered' : `${failed} schema(s) would be refused`;
  return result(failed === 0 ? 0 : 1, [
    `Checking against ${client.baseUrl}`,
    ...outcomes.flatMap((o) => o.lines),
    summary,
  ]);
}

async function checkOne(client: RegistryClient, local: LocalSchema): Promise<Outcome> {
  const title = `${local.subject} (${local.file})`;
  const latest = await client.latest(local.subject);
  if (!latest) return { ok: true, lines: [`${title}: new subject, nothing to check`] };
  const existing = await client.lookup(local.subject, local.text);
  if (existing) {
    return {
      ok: true,
      lines: [`${title}: already registered as version ${existing.version} (id ${existing.id})`],
    };
  }
  const answer = await client.testCompatibility(local.subject, local.text);
  const level = levelOrDefault(await client.compatibilityLevel(local.subject), local.level);
  if (answer.isCompatible) {
    return { ok: true, lines: [`${title}: compatible with version ${latest.version} under ${level}`] };
  }
  if (answer.messages.length > 0) {
    return {
      ok: false,
      lines: [
        `${title}: incompatible under ${level}; the registry says:`,
        ...answer.messages.map((m) => `  ${m}`),
      ],
    };
  }
  return {
    ok: false,
    lines: [`${title}: incompatible under ${level}`, ...(await explain(client, local, level))],
  };
}

/** The registry said no without saying why: our checker against the versions the level compares with. */
async function explain(
  client: RegistryClient,
  local: LocalSchema,
  level: CompatibilityLevel,
): Promise<string[]> {
  const numbers = versionsToCompare(level, await client.versions(local.subject));
  const registered = await Promise.all(numbers.map((number) => client.version(local.subject, number)));
  const versions = registered.flatMap((entry) =>
    entry ? [{ version: entry.version, schema: readSchemaText(entry.schema) }] : [],
  );
  const reasons = explainIncompatibility(level, versions, local.schema);
  const compared = numbers.join(', ');
  if (reasons.length === 0) {
    return [`  the registry gives no reasons, and our checker finds none against version(s) ${compared}`];
  }
  return [
    `  the registry gives no reasons; our checker (Avro schema resolution) against version(s) ${compared} says:`,
    ...reasons.map((reason) => `    ${reason}`),
  ];
}

function levelOrDefault(level: string | undefined, fallback: CompatibilityLevel): CompatibilityLevel {
  return isCompatibilityLevel(level) ? level : fallback;
}
