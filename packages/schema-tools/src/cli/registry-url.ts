/** The registry of the native stack (Apicurio's Confluent-compatible API). */
export const DEFAULT_REGISTRY_URL = 'https://127.0.0.1:8081/apis/ccompat/v7';

/** SCHEMA_REGISTRY_URL when set (and not blank), else the native stack's registry. */
export function defaultRegistryUrl(env: NodeJS.ProcessEnv = process.env): string {
  const url = env.SCHEMA_REGISTRY_URL?.trim();
  return url === undefined || url === '' ? DEFAULT_REGISTRY_URL : url;
}
