import { format } from 'prettier';

/**
 * A registered schema (compact JSON, as producers send it) laid out the way the files in schemas/
 * are written, so that a downloaded folder diffs cleanly against schemas/: every object with a
 * `name` (a named type, a field) one property a line, everything else as prettier prints JSON
 * with the repository's width (prettier keeps an object expanded when a newline follows its `{`).
 */
export async function layoutSchema(text: string): Promise<string> {
  return format(expandNamed(JSON.parse(text)), { parser: 'json', printWidth: 110 });
}

function expandNamed(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(expandNamed).join(',')}]`;
  if (typeof value !== 'object' || value === null) return JSON.stringify(value);
  const properties = Object.entries(value).map(
    ([key, inner]) => `${JSON.stringify(key)}:${expandNamed(inner)}`,
  );
  return 'name' in value ? `{\n${properties.join(',')}}` : `{${properties.join(',')}}`;
}
