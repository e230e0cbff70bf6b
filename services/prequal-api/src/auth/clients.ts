import { ALL_SCOPES, type Scope } from './client.ts';

/** The scopes of a comma- or space-separated list; unknown ones are refused, named. */
export function parseScopes(text: string): Scope[] {
  const scopes = text.split(/[\s,]+/).filter(Boolean);
  const unknown = scopes.filter((scope) => !(ALL_SCOPES as readonly string[]).includes(scope));
  if (unknown.length > 0 || scopes.length === 0) {
    throw new Error(
      `unknown or no scopes: ${unknown.join(', ') || '(none)'}; known: ${ALL_SCOPES.join(', ')}`,
    );
  }
  return [...new Set(scopes)] as Scope[];
}
