import { shortNameOf, type AvroSchema, type LogicalAnnotation } from './schema-model.ts';

/**
 * A one-line description of a type for messages and reports: `int`, `string (uuid)`,
 * `bytes (decimal 12,2)`, `enum LoanType`, `array<int>`, `union [null, enum LoanType]`.
 * Named types are described by name only: their insides are reported separately.
 */
export function describeSchema(schema: AvroSchema): string {
  switch (schema.kind) {
    case 'primitive':
      return `${schema.type}${describeLogical(schema.logical)}`;
    case 'record':
    case 'enum':
      return `${schema.kind} ${shortNameOf(schema.fullName)}`;
    case 'fixed':
      return `fixed ${shortNameOf(schema.fullName)}[${schema.size}]${describeLogical(schema.logical)}`;
    case 'array':
      return `array<${describeSchema(schema.items)}>`;
    case 'map':
      return `map<${describeSchema(schema.values)}>`;
    case 'union':
      return `union [${schema.branches.map(describeSchema).join(', ')}]`;
  }
}

function describeLogical(logical: LogicalAnnotation | undefined): string {
  if (!logical) return '';
  if (logical.name !== 'decimal') return ` (${logical.name})`;
  return ` (decimal ${logical.precision ?? '?'},${logical.scale ?? 0})`;
}

/** A JSON value as written in a schema (`null`, `"HOME"`, `0`). */
export function describeValue(value: unknown): string {
  return JSON.stringify(value);
}
