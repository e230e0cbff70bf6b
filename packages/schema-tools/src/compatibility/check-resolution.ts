import { describeSchema } from '../avro/describe-schema.ts';
import {
  shortNameOf,
  type AvroSchema,
  type EnumSchema,
  type RecordSchema,
  type UnionSchema,
} from '../avro/schema-model.ts';
import type { Incompatibility, IncompatibilityReason } from './incompatibility.ts';
import { namesMatch, schemasMatch } from './schemas-match.ts';

/**
 * Everything a reader of `reader` would fail on in data written with `writer`, following Avro 1.11
 * "Schema Resolution" at the schema level: an empty list means every datum the writer can produce
 * resolves. Pure; handles recursive records.
 */
export function checkResolution(writer: AvroSchema, reader: AvroSchema): Incompatibility[] {
  return resolve(writer, reader, [], new Set());
}

function resolve(
  writer: AvroSchema,
  reader: AvroSchema,
  path: readonly string[],
  inProgress: Set<string>,
): Incompatibility[] {
  // A writer union may write any branch: every branch must resolve against the reader.
  if (writer.kind === 'union') {
    return writer.branches.flatMap((branch) => resolve(branch, reader, path, inProgress));
  }
  if (reader.kind === 'union') return resolveIntoUnion(writer, reader, path, inProgress);
  if (!schemasMatch(writer, reader)) return [{ path, reason: mismatchOf(writer, reader) }];
  switch (reader.kind) {
    case 'record':
      return resolveRecord(writer as RecordSchema, reader, path, inProgress);
    case 'enum':
      return resolveEnum(writer as EnumSchema, reader, path);
    case 'array':
      return resolve((writer as typeof reader).items, reader.items, [...path, '[]'], inProgress);
    case 'map':
      return resolve((writer as typeof reader).values, reader.values, [...path, '{}'], inProgress);
    default:
      return [];
  }
}

/** The first reader branch that matches the writer's type is resolved against it. */
function resolveIntoUnion(
  writer: AvroSchema,
  reader: UnionSchema,
  path: readonly string[],
  inProgress: Set<string>,
): Incompatibility[] {
  const branch = reader.branches.find((candidate) => schemasMatch(writer, candidate));
  if (branch) return resolve(writer, branch, path, inProgress);
  return [
    {
      path,
      reason: { kind: 'no-union-branch', reader: describeSchema(reader), writer: describeSchema(writer) },
    },
  ];
}

/**
 * Fields match by name, else by one of the reader field's aliases. Writer fields the reader lacks are
 * skipped; a reader field the writer lacks needs a default.
 */
function resolveRecord(
  writer: RecordSchema,
  reader: RecordSchema,
  path: readonly string[],
  inProgress: Set<string>,
): Incompatibility[] {
  const key = `${writer.fullName}>${reader.fullName}`;
  if (inProgress.has(key)) return [];
  inProgress.add(key);
  const found = reader.fields.flatMap((field): Incompatibility[] => {
    const fieldPath = [...path, field.name];
    const written =
      writer.fields.find((candidate) => candidate.name === field.name) ??
      writer.fields.find((candidate) => field.aliases.includes(candidate.name));
    if (written) return resolve(written.type, field.type, fieldPath, inProgress);
    return field.hasDefault ? [] : [{ path: fieldPath, reason: { kind: 'missing-default' } }];
  });
  inProgress.delete(key);
  return found;
}

function resolveEnum(writer: EnumSchema, reader: EnumSchema, path: readonly string[]): Incompatibility[] {
  const unknown = writer.symbols.filter((symbol) => !reader.symbols.includes(symbol));
  if (unknown.length === 0 || reader.default !== undefined) return [];
  return [
    {
      path,
      reason: { kind: 'unknown-symbols', enumName: shortNameOf(reader.fullName), symbols: unknown },
    },
  ];
}

function mismatchOf(writer: AvroSchema, reader: AvroSchema): IncompatibilityReason {
  if (writer.kind === 'fixed' && reader.kind === 'fixed' && namesMatch(writer, reader)) {
    return {
      kind: 'fixed-size',
      name: shortNameOf(reader.fullName),
      reader: reader.size,
      writer: writer.size,
    };
  }
  if (
    writer.kind === reader.kind &&
    (reader.kind === 'record' || reader.kind === 'enum' || reader.kind === 'fixed')
  ) {
    return { kind: 'name-mismatch', reader: describeNamed(reader), writer: describeNamed(writer) };
  }
  return { kind: 'type-mismatch', reader: describeSchema(reader), writer: describeSchema(writer) };
}

function describeNamed(schema: AvroSchema): string {
  return 'fullName' in schema ? `${schema.kind} ${schema.fullName}` : describeSchema(schema);
}
