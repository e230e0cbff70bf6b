import { format } from 'prettier';

/** The order schemas/ writes keys in, per kind of object; other keys follow in their own order. */
const KEY_ORDER = {
  named: ['type', 'name', 'namespace', 'aliases', 'doc', 'fields', 'symbols', 'default', 'size'],
  field: ['name', 'type', 'default', 'order', 'aliases', 'confluent:tags', 'doc'],
  other: ['type', 'items', 'values', 'logicalType', 'precision', 'scale'],
};

/**
 * A registered schema (compact JSON) laid out the way the files in schemas/ are written, so that a
 * downloaded folder diffs cleanly against schemas/. The registry's text cannot be taken as it
 * is: Apicurio answers with the first text it stored of the same canonical schema, whatever key
 * order that text had. So keys go in our order; every object with a `name` (a named type, a field)
 * is one property a line; the rest is as prettier prints JSON at the repository's width (prettier
 * keeps an object expanded when a newline follows its `{`).
 */
export async function layoutSchema(text: string): Promise<string> {
  return format(layout(JSON.parse(text), 'schema'), { parser: 'json', printWidth: 110 });
}

/** A schema, a record's field, or a value (a field's default, printed as it is). */
type Kind = 'schema' | 'field' | 'value';

function layout(value: unknown, kind: Kind): string {
  if (kind === 'value' || typeof value !== 'object' || value === null) return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map((item) => layout(item, kind)).join(',')}]`;
  const object = value as Record<string, unknown>;
  const order = kind === 'field' ? KEY_ORDER.field : 'name' in object ? KEY_ORDER.named : KEY_ORDER.other;
  const keys = Object.keys(object).sort((a, b) => rank(order, a) - rank(order, b));
  const properties = keys.map((key) => {
    const inner: Kind =
      key === 'fields' ? 'field' : kind === 'field' && key === 'default' ? 'value' : 'schema';
    return `${JSON.stringify(key)}:${layout(object[key], inner)}`;
  });
  return 'name' in object ? `{\n${properties.join(',')}}` : `{${properties.join(',')}}`;
}

function rank(order: readonly string[], key: string): number {
  const index = order.indexOf(key);
  return index === -1 ? order.length : index;
}
