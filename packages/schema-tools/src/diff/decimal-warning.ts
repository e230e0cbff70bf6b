import type { AvroSchema, LogicalAnnotation } from '../avro/schema-model.ts';

/**
 * A decimal that appears, disappears, or whose precision or scale changes, resolves on its underlying bytes (compatible for Avro and
 * the registry), but the number is not the same number any more, and our own decoder refuses it.
 */
export function decimalWarning(previous: AvroSchema, next: AvroSchema): string | undefined {
  const before = decimalOf(previous);
  const after = decimalOf(next);
  if (!before && !after) return undefined;
  if (!before || !after) {
    return (
      'a decimal on one side only: Avro resolves it on the underlying type (bytes and string promote to each ' +
      "other), but one side sees the two's-complement unscaled bytes where the other sees an amount"
    );
  }
  const runtime =
    "@prequal/events' DecimalType refuses to resolve it, so our consumers would dead-letter these events";
  if (before.scale !== after.scale) {
    const [from, to] = [before.scale ?? 0, after.scale ?? 0];
    return (
      `decimal scale ${from} → ${to}: Avro resolves it on the underlying bytes, so the registry accepts it, ` +
      `but the unscaled value is read at the other scale (${atScale(from)} would read as ${atScale(to)}); ${runtime}`
    );
  }
  if (before.precision !== after.precision) {
    return (
      `decimal precision ${before.precision ?? '?'} → ${after.precision ?? '?'}: compatible for Avro and the registry, ` +
      `but a reader with the smaller precision cannot hold every value; ${runtime}`
    );
  }
  return undefined;
}

function decimalOf(schema: AvroSchema): LogicalAnnotation | undefined {
  if (schema.kind === 'union') return schema.branches.map(decimalOf).find(Boolean);
  if (schema.kind !== 'primitive' && schema.kind !== 'fixed') return undefined;
  return schema.logical?.name === 'decimal' ? schema.logical : undefined;
}

function atScale(scale: number): string {
  const digits = '1234'.padStart(scale + 1, '0');
  return scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
}
