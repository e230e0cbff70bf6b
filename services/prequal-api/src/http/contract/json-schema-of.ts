import type Joi from 'joi';
import joiToJson, { type parse as Parse } from 'joi-to-json';

// joi-to-json is CommonJS (`module.exports = parse`) while its types declare a named export.
const parse = joiToJson as unknown as typeof Parse;

/**
 * A joi meta key whose object is merged into that node of the JSON Schema (a `null` removes a
 * key): for a rule joi checks in a way the converter cannot see (a custom rule, a conversion
 * before the check), said once, in the form every JSON Schema reader understands. Each use is
 * tested against the validation it stands for.
 */
export const JSON_SCHEMA_META = 'x-json-schema';

type Node = Record<string, unknown>;

function withOverrides(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withOverrides);
  if (typeof node !== 'object' || node === null) return node;
  const { [JSON_SCHEMA_META]: override = {}, ...rest } = node as Node;
  const merged = {
    ...Object.fromEntries(Object.entries(rest).map(([key, value]) => [key, withOverrides(value)])),
    ...(override as Node),
  };
  return Object.fromEntries(Object.entries(merged).filter(([, value]) => value !== null));
}

/** The OpenAPI 3.1 (JSON Schema 2020-12) form of a joi schema. */
export function jsonSchemaOf(schema: Joi.Schema): Record<string, unknown> {
  return withOverrides(parse(schema, 'open-api-3.1')) as Record<string, unknown>;
}
