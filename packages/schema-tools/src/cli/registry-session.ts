import { toLocalSchema, type LocalSchema, type UnfitSchema } from '../registry/local-schema.ts';
import { registryAccessFromEnv } from '../registry/registry-access.ts';
import { RegistryClient } from '../registry/registry-client.ts';
import { readSchemaFiles, SCHEMAS_DIR } from '../schema-files.ts';
import { subjectsOfTopicTable, type Subjects } from '../subjects.ts';
import { defaultRegistryUrl } from './registry-url.ts';

export interface RegistryOptions {
  readonly registryUrl?: string;
  readonly schemasDir?: string;
  readonly subjects?: Subjects;
}

/** What every registry command starts from: a registry that answers, and our schemas with their subjects. */
export interface RegistrySession {
  readonly client: RegistryClient;
  readonly schemasDir: string;
  /** Each local schema, sorted by file, ready for the registry or with the reason it is not. */
  readonly schemas: readonly (LocalSchema | UnfitSchema)[];
}

export async function openRegistrySession({
  registryUrl = defaultRegistryUrl(),
  schemasDir = SCHEMAS_DIR,
  subjects,
}: RegistryOptions = {}): Promise<RegistrySession> {
  const client = new RegistryClient(registryUrl, registryAccessFromEnv());
  await client.ping();
  const resolver = subjects ?? (await subjectsOfTopicTable());
  const files = await readSchemaFiles(schemasDir);
  return { client, schemasDir, schemas: files.map((file) => toLocalSchema(file, resolver)) };
}

export function isUnfit(schema: LocalSchema | UnfitSchema): schema is UnfitSchema {
  return 'error' in schema;
}
