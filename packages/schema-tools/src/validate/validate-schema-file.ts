import { parseSchema } from '@prequal/events/logical-types';
import { readSchema } from '../avro/read-schema.ts';
import type { SchemaFile } from '../schema-files.ts';
import { checkConventions } from './conventions.ts';
import { formatViolation, type Violation } from './violation.ts';

/** Every problem of one schema file, one line each naming the file (and the field): empty when valid. */
export function validateSchemaFile(file: SchemaFile): string[] {
  return findViolations(file).map((violation) => formatViolation(file.file, violation));
}

/** Every problem of one schema file: a parse failure, else each broken convention. */
export function findViolations({ text }: SchemaFile): Violation[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
    parseSchema(text);
  } catch (error) {
    const message = `does not parse: ${error instanceof Error ? error.message : String(error)}`;
    return [{ rule: 'parse', where: undefined, path: [], message }];
  }
  return checkConventions(readSchema(json));
}
