import { shortNameOf, type AvroSchema, type NamedSchema, type PrimitiveName } from '../avro/schema-model.ts';

/** Avro 1.11 "Schema Resolution": the writer types each reader primitive accepts besides its own. */
const PROMOTIONS: Readonly<Partial<Record<PrimitiveName, readonly PrimitiveName[]>>> = {
  long: ['int'],
  float: ['int', 'long'],
  double: ['int', 'long', 'float'],
  string: ['bytes'],
  bytes: ['string'],
};

/** Whether a reader primitive reads a writer primitive: the same type or a promotion. */
export function promotes(writer: PrimitiveName, reader: PrimitiveName): boolean {
  return writer === reader || (PROMOTIONS[reader]?.includes(writer) ?? false);
}

/**
 * The spec's names rule for records, enums and fixed: the unqualified names are equal, or one of the
 * reader's aliases is the writer's full name (aliases are namespace-qualified, as in Avro Java).
 */
export function namesMatch(writer: NamedSchema, reader: NamedSchema): boolean {
  return (
    shortNameOf(writer.fullName) === shortNameOf(reader.fullName) || reader.aliases.includes(writer.fullName)
  );
}

/**
 * The spec's "match" of two non-union types, used to pick a reader union branch and to decide whether
 * to resolve further. Logical types play no part: a logical type that does not match (a decimal of
 * another precision or scale, say) falls back to its underlying type. Arrays and maps match on the
 * container alone; their items and values are resolved (and reported) one level down.
 */
export function schemasMatch(writer: AvroSchema, reader: AvroSchema): boolean {
  switch (reader.kind) {
    case 'primitive':
      return writer.kind === 'primitive' && promotes(writer.type, reader.type);
    case 'record':
    case 'enum':
      return writer.kind === reader.kind && namesMatch(writer, reader);
    case 'fixed':
      return writer.kind === 'fixed' && writer.size === reader.size && namesMatch(writer, reader);
    case 'array':
    case 'map':
      return writer.kind === reader.kind;
    case 'union':
      return false;
  }
}
