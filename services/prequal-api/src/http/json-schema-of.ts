import type Joi from 'joi';
import joiToJson, { type parse as Parse } from 'joi-to-json';

// joi-to-json is CommonJS (`module.exports = parse`) while its types declare a named export.
const parse = joiToJson as unknown as typeof Parse;

/** The OpenAPI 3.1 (JSON Schema 2020-12) form of a joi schema. */
export function jsonSchemaOf(schema: Joi.Schema): Record<string, unknown> {
  return parse(schema, 'open-api-3.1') as Record<string, unknown>;
}
