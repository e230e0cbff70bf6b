import type Joi from 'joi';
import joiToJson, { type parse as Parse } from 'joi-to-json';

// joi-to-json is CommonJS (`module.exports = parse`) while its types declare a named export.
const parse = joiToJson as unknown as typeof Parse;

/**
 * A joi meta key that becomes `maxLength` in the JSON Schema: for a length joi cannot count itself
 * (joi counts UTF-16 code units, JSON Schema counts characters), checked by a custom rule instead.
 */
export const MAX_LENGTH_META = 'x-max-length';

function withMaxLengths(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withMaxLengths);
  if (typeof node !== 'object' || node === null) return node;
  return Object.fromEntries(
    Object.entries(node).map(([key, value]) =>
      key === MAX_LENGTH_META ? ['maxLength', value] : [key, withMaxLengths(value)],
    ),
  );
}

/** The OpenAPI 3.1 (JSON Schema 2020-12) form of a joi schema. */
export function jsonSchemaOf(schema: Joi.Schema): Record<string, unknown> {
  return withMaxLengths(parse(schema, 'open-api-3.1')) as Record<string, unknown>;
}
