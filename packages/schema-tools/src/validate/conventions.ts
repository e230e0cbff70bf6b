import {
  shortNameOf,
  type AvroSchema,
  type FieldSchema,
  type LogicalAnnotation,
  type NamedSchema,
  type RecordSchema,
} from '../avro/schema-model.ts';
import { formatPath } from '../compatibility/describe-incompatibility.ts';
import { checkEnvelope } from './event-envelope.ts';
import type { Violation } from './violation.ts';

/** Money travels as decimal: a field whose name says rupees is never a floating-point number. */
const MONEY_SUFFIX = 'Inr';

/** Names that say a field holds personal data: a PAN, or a person's name. */
const PERSONAL_DATA_NAME =
  /^(pan(_?number)?|((applicant|full|first|last|given|family|middle|person|holder|customer|borrower)_?)?name)$/i;
const PII_TAG = 'PII';

/** A PII field is sealed in place, so it must be a string (or null or a string). */
function isStringOrNullable(schema: AvroSchema): boolean {
  if (schema.kind === 'primitive') return schema.type === 'string' && schema.logical === undefined;
  if (schema.kind === 'union') {
    const others = schema.branches.filter(
      (branch) => !(branch.kind === 'primitive' && branch.type === 'null'),
    );
    return others.length === 1 && others[0] !== undefined && isStringOrNullable(others[0]);
  }
  return false;
}

interface Walk {
  readonly found: Violation[];
  readonly seen: Set<NamedSchema>;
}

/**
 * Our conventions for an event schema: a top-level record with a namespace; a doc on every record,
 * field and named type; enums declare a default symbol; decimals are bytes with precision and scale;
 * money fields are never float or double; and the event envelope fields are present.
 */
export function checkConventions(schema: AvroSchema): Violation[] {
  if (schema.kind !== 'record') {
    return [
      {
        rule: 'top-level-record',
        where: undefined,
        path: [],
        message: 'the top-level type must be a record',
      },
    ];
  }
  const walk: Walk = { found: [], seen: new Set([schema]) };
  if (!schema.fullName.includes('.')) {
    walk.found.push({
      rule: 'namespace',
      where: undefined,
      path: [],
      message: `record ${schema.fullName} has no namespace`,
    });
  }
  if (!schema.doc) {
    walk.found.push({
      rule: 'doc',
      where: undefined,
      path: [],
      message: `record ${shortNameOf(schema.fullName)} has no doc`,
    });
  }
  visitFields(schema, [], walk);
  return [...walk.found, ...checkEnvelope(schema)];
}

function visitFields(record: RecordSchema, path: readonly string[], walk: Walk): void {
  for (const field of record.fields) {
    const fieldPath = [...path, field.name];
    const where = `field ${formatPath(fieldPath)}`;
    if (!field.doc) walk.found.push({ rule: 'doc', where, path: fieldPath, message: 'has no doc' });
    if (field.name.endsWith(MONEY_SUFFIX) && hasFloatingPoint(field.type)) {
      walk.found.push({
        rule: 'money-decimal',
        where,
        path: fieldPath,
        message:
          'money (a name ending in Inr) must not be float or double: use bytes with logicalType decimal',
      });
    }
    checkPersonalData(field, fieldPath, where, walk);
    visitType(field.type, fieldPath, walk);
  }
}

function checkPersonalData(field: FieldSchema, path: readonly string[], where: string, walk: Walk): void {
  const tagged = field.tags.includes(PII_TAG);
  if (!tagged && PERSONAL_DATA_NAME.test(field.name)) {
    walk.found.push({
      rule: 'pii-tag',
      where,
      path,
      message: `holds personal data by its name: tag it "confluent:tags": ["${PII_TAG}"], so that it is sealed in every event`,
    });
  }
  if (tagged && !isStringOrNullable(field.type)) {
    walk.found.push({
      rule: 'pii-string',
      where,
      path,
      message: 'is tagged PII but is not a string (or null or a string): a sealed value is a string in place',
    });
  }
}

function visitType(schema: AvroSchema, path: readonly string[], walk: Walk): void {
  switch (schema.kind) {
    case 'union':
      for (const branch of schema.branches) visitType(branch, path, walk);
      return;
    case 'array':
      visitType(schema.items, [...path, '[]'], walk);
      return;
    case 'map':
      visitType(schema.values, [...path, '{}'], walk);
      return;
    case 'primitive':
      walk.found.push(...checkDecimal(schema.type, schema.logical, path));
      return;
    default:
      if (walk.seen.has(schema)) return;
      walk.seen.add(schema);
      visitNamed(schema, path, walk);
  }
}

function visitNamed(schema: NamedSchema, path: readonly string[], walk: Walk): void {
  const at = { where: `field ${formatPath(path)}`, path };
  const name = `${schema.kind} ${shortNameOf(schema.fullName)}`;
  if (!schema.doc) walk.found.push({ rule: 'doc', ...at, message: `${name} has no doc` });
  if (schema.kind === 'record') visitFields(schema, path, walk);
  if (schema.kind === 'fixed') walk.found.push(...checkDecimal('fixed', schema.logical, path));
  if (schema.kind === 'enum') {
    if (schema.default === undefined) {
      walk.found.push({ rule: 'enum-default', ...at, message: `${name} has no default symbol` });
    } else if (!schema.symbols.includes(schema.default)) {
      walk.found.push({
        rule: 'enum-default',
        ...at,
        message: `${name} default ${schema.default} is not one of its symbols`,
      });
    }
  }
}

function checkDecimal(
  underlying: string,
  logical: LogicalAnnotation | undefined,
  path: readonly string[],
): Violation[] {
  if (logical?.name !== 'decimal') return [];
  const at = { rule: 'decimal', where: `field ${formatPath(path)}`, path } as const;
  const found: Violation[] = [];
  if (underlying !== 'bytes') found.push({ ...at, message: `decimal must be on bytes, not ${underlying}` });
  if (logical.precision === undefined) found.push({ ...at, message: 'decimal has no precision' });
  if (logical.scale === undefined) found.push({ ...at, message: 'decimal has no scale' });
  if (logical.precision !== undefined && logical.scale !== undefined && logical.scale > logical.precision) {
    found.push({
      ...at,
      message: `decimal scale ${logical.scale} exceeds its precision ${logical.precision}`,
    });
  }
  return found;
}

function hasFloatingPoint(schema: AvroSchema): boolean {
  switch (schema.kind) {
    case 'primitive':
      return schema.type === 'float' || schema.type === 'double';
    case 'union':
      return schema.branches.some(hasFloatingPoint);
    case 'array':
      return hasFloatingPoint(schema.items);
    case 'map':
      return hasFloatingPoint(schema.values);
    default:
      return false;
  }
}
