/** Small builders that keep schema tables readable. */
export type SchemaJson = string | readonly unknown[] | Record<string, unknown>;

export function field(
  name: string,
  type: SchemaJson,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return { name, type, ...extra };
}

export function record(
  name: string,
  fields: readonly Record<string, unknown>[],
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return { type: 'record', name, fields, ...extra };
}

export function enumOf(
  name: string,
  symbols: readonly string[],
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return { type: 'enum', name, symbols, ...extra };
}

export function fixed(
  name: string,
  size: number,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return { type: 'fixed', name, size, ...extra };
}

export const decimal = (precision: number, scale: number): Record<string, unknown> => ({
  type: 'bytes',
  logicalType: 'decimal',
  precision,
  scale,
});

/** A one-field record, the usual way to compare two field types. */
export function holder(type: SchemaJson, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return record('Holder', [field('value', type, extra)]);
}
