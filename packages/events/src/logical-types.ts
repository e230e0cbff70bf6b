import avro from 'avsc';
import { fromUnscaled, toUnscaled, type DecimalString } from '@prequal/money';

interface DecimalSchema {
  precision?: number;
  scale?: number;
}

function isType(type: avro.Type, ...names: string[]): boolean {
  return avro.Type.isType(type, ...names);
}

/** Avro `decimal` on bytes (two's complement, big-endian unscaled integer) <-> DecimalString. */
export class DecimalType extends avro.types.LogicalType {
  readonly precision: number;
  readonly scale: number;

  constructor(schema: avro.Schema, opts?: unknown) {
    super(schema, opts);
    const { precision, scale = 0 } = schema as DecimalSchema;
    if (!Number.isInteger(precision) || (precision ?? 0) < 1)
      throw new Error('decimal needs a positive precision');
    this.precision = precision ?? 0;
    this.scale = scale;
  }

  protected override _fromValue(bytes: Buffer): DecimalString {
    return fromUnscaled(bytesToBigInt(bytes), this.scale);
  }

  protected override _toValue(value: unknown): Buffer | undefined {
    if (typeof value !== 'string') return undefined;
    try {
      const unscaled = toUnscaled(value, this.scale);
      if ((unscaled < 0n ? -unscaled : unscaled).toString().length > this.precision) return undefined;
      return bigIntToBytes(unscaled);
    } catch {
      return undefined;
    }
  }

  // avsc hands a resolver the writer's value: already a DecimalString when the writer has the
  // same logical type, raw bytes when it wrote plain bytes.
  protected override _resolve(type: avro.Type): ((value: never) => DecimalString) | undefined {
    if (type instanceof DecimalType) {
      const sameScale = type.scale === this.scale && type.precision <= this.precision;
      return sameScale ? (value: DecimalString) => value : undefined;
    }
    return isType(type, 'bytes') ? (bytes: Buffer) => this._fromValue(bytes) : undefined;
  }

  protected override _export(schema: avro.Schema): void {
    Object.assign(schema, { precision: this.precision, scale: this.scale });
  }
}

function bytesToBigInt(bytes: Buffer): bigint {
  if (bytes.length === 0) return 0n;
  const unsigned = BigInt(`0x${bytes.toString('hex')}`);
  const negative = (bytes[0] ?? 0) >= 0x80;
  return negative ? unsigned - (1n << BigInt(bytes.length * 8)) : unsigned;
}

function bigIntToBytes(value: bigint): Buffer {
  let length = 1;
  while (value < -(1n << BigInt(length * 8 - 1)) || value >= 1n << BigInt(length * 8 - 1)) length += 1;
  const unsigned = value < 0n ? (1n << BigInt(length * 8)) + value : value;
  return Buffer.from(unsigned.toString(16).padStart(length * 2, '0'), 'hex');
}

/** Avro `timestamp-millis` on long <-> Date. */
export class TimestampMillisType extends avro.types.LogicalType {
  protected override _fromValue(millis: number): Date {
    return new Date(millis);
  }

  protected override _toValue(value: unknown): number | undefined {
    return value instanceof Date && !Number.isNaN(value.getTime()) ? value.getTime() : undefined;
  }

  protected override _resolve(type: avro.Type): ((value: never) => Date) | undefined {
    if (isType(type, 'logical:timestamp-millis')) return (value: Date) => value;
    return isType(type, 'long') ? (millis: number) => this._fromValue(millis) : undefined;
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether a value is a UUID in its text form (either case). */
export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}

/** Avro `uuid` on string: only well-formed UUIDs are written. */
export class UuidType extends avro.types.LogicalType {
  // Canonical lower case both ways, as PostgreSQL returns uuids: ids compare equal as strings.
  protected override _fromValue(value: string): string {
    return value.toLowerCase();
  }

  protected override _toValue(value: unknown): string | undefined {
    return isUuid(value) ? value.toLowerCase() : undefined;
  }

  protected override _resolve(type: avro.Type): ((value: string) => string) | undefined {
    return isType(type, 'string', 'logical:uuid') ? (value) => value.toLowerCase() : undefined;
  }
}

/** The logical types every reader and writer of our events uses (pass as avsc `logicalTypes`). */
export const logicalTypes = {
  decimal: DecimalType,
  'timestamp-millis': TimestampMillisType,
  uuid: UuidType,
} satisfies Record<string, new (schema: avro.Schema, opts?: unknown) => avro.types.LogicalType>;

/** Parses an Avro schema with our logical types. */
export function parseSchema(schema: avro.Schema | string): avro.Type {
  return avro.Type.forSchema(typeof schema === 'string' ? (JSON.parse(schema) as avro.Schema) : schema, {
    logicalTypes,
  });
}
