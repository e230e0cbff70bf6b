import { readFileSync } from 'node:fs';
import path from 'node:path';
import { SCHEMAS_DIR } from '../../src/schema-files.ts';

/** A field of a schema as JSON. */
export type FieldJson = Record<string, unknown> & { name: string };

/** A record schema as JSON, fields typed enough to edit. */
export type RecordJson = Record<string, unknown> & { fields: FieldJson[] };

/** A fresh copy of one of the repository's schemas (read-only: tests edit the copy). */
export function ourSchema(
  name: 'LoanApplicationSubmitted' | 'CreditReportGenerated' | 'LoanDecisionMade',
): RecordJson {
  return JSON.parse(readFileSync(path.join(SCHEMAS_DIR, `${name}.avsc`), 'utf8')) as RecordJson;
}

export function withField(schema: RecordJson, field: FieldJson): RecordJson {
  return { ...schema, fields: [...schema.fields, field] };
}

export function withoutField(schema: RecordJson, name: string): RecordJson {
  return { ...schema, fields: schema.fields.filter((field) => field.name !== name) };
}

export function editField(
  schema: RecordJson,
  name: string,
  edit: (field: FieldJson) => FieldJson,
): RecordJson {
  return { ...schema, fields: schema.fields.map((field) => (field.name === name ? edit(field) : field)) };
}

/** LoanDecisionMade with its LoanDecision enum's symbols and default replaced. */
export function withDecisionEnum(symbols: readonly string[], enumDefault?: string): RecordJson {
  return editField(ourSchema('LoanDecisionMade'), 'decision', (field) => {
    const { default: _ignored, ...enumType } = field.type as Record<string, unknown>;
    return {
      ...field,
      type: { ...enumType, symbols, ...(enumDefault === undefined ? {} : { default: enumDefault }) },
    };
  });
}

export function text(schema: unknown): string {
  return `${JSON.stringify(schema, null, 2)}\n`;
}
