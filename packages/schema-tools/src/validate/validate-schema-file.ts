import { parseSchema } from '@prequal/events/logical-types';
import { readSchema } from '../avro/read-schema.ts';
import type { SchemaFile } from '../schema-files.ts';
import { checkConventions } from './conventions.ts';
import { formatViolation } from './violation.ts';

/** Every problem of one schema file, one line each naming the file (and the field): empty when valid. */
export function validateSchemaFile({ file, text }: SchemaFile): string[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
    parseSchema(text);
  } catch (error) {
    return [`${file}: does not parse: ${error instanceof Error ? error.message : String(error)}`];
  }
  return checkConventions(readSchema(json)).map((violation) => formatViolation(file, violation));
}
