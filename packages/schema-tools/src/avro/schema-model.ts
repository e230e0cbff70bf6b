/**
 * An Avro schema as a tree of plain values: what the checker, the differ and the convention rules
 * look at. Named types referenced twice are the same object (a recursive record is a cycle).
 */
export type AvroSchema =
  PrimitiveSchema | RecordSchema | EnumSchema | FixedSchema | ArraySchema | MapSchema | UnionSchema;

export type PrimitiveName = 'null' | 'boolean' | 'int' | 'long' | 'float' | 'double' | 'bytes' | 'string';

export const PRIMITIVE_NAMES: readonly string[] = [
  'null',
  'boolean',
  'int',
  'long',
  'float',
  'double',
  'bytes',
  'string',
] satisfies PrimitiveName[];

/** A `logicalType` annotation, kept as written (precision and scale only mean something for decimal). */
export interface LogicalAnnotation {
  readonly name: string;
  readonly precision: number | undefined;
  readonly scale: number | undefined;
}

export interface PrimitiveSchema {
  readonly kind: 'primitive';
  readonly type: PrimitiveName;
  readonly logical: LogicalAnnotation | undefined;
}

interface NamedParts {
  /** Namespace-qualified name, e.g. in.prequal.loan.LoanType */
  readonly fullName: string;
  /** Namespace-qualified aliases. */
  readonly aliases: readonly string[];
  readonly doc: string | undefined;
}

export interface FieldSchema {
  readonly name: string;
  readonly type: AvroSchema;
  readonly aliases: readonly string[];
  readonly doc: string | undefined;
  /** Its `confluent:tags` (e.g. PII: personal data, sealed in every event). */
  readonly tags: readonly string[];
  readonly hasDefault: boolean;
  readonly default: unknown;
  readonly order: string | undefined;
}

export interface RecordSchema extends NamedParts {
  readonly kind: 'record';
  readonly fields: readonly FieldSchema[];
}

export interface EnumSchema extends NamedParts {
  readonly kind: 'enum';
  readonly symbols: readonly string[];
  readonly default: string | undefined;
}

export interface FixedSchema extends NamedParts {
  readonly kind: 'fixed';
  readonly size: number;
  readonly logical: LogicalAnnotation | undefined;
}

export interface ArraySchema {
  readonly kind: 'array';
  readonly items: AvroSchema;
}

export interface MapSchema {
  readonly kind: 'map';
  readonly values: AvroSchema;
}

export interface UnionSchema {
  readonly kind: 'union';
  readonly branches: readonly AvroSchema[];
}

export type NamedSchema = RecordSchema | EnumSchema | FixedSchema;

export function isNamed(schema: AvroSchema): schema is NamedSchema {
  return schema.kind === 'record' || schema.kind === 'enum' || schema.kind === 'fixed';
}

/** The name without its namespace. */
export function shortNameOf(fullName: string): string {
  return fullName.slice(fullName.lastIndexOf('.') + 1);
}
