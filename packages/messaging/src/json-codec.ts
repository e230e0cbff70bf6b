import avro from 'avsc';

/**
 * Events as plain JSON for the outbox table: timestamps become ISO strings, decimals stay
 * decimal strings. `fromJson` walks the Avro type to turn them back into the event.
 */
export function eventToJson(event: object): Record<string, unknown> {
  return JSON.parse(JSON.stringify(event)) as Record<string, unknown>;
}

export function eventFromJson(type: avro.Type, json: unknown): unknown {
  if (json === null || json === undefined) return json;
  if (type instanceof avro.types.RecordType) {
    const record = json as Record<string, unknown>;
    return Object.fromEntries(
      type.fields.map((field) => [field.name, eventFromJson(field.type, record[field.name])]),
    );
  }
  if (type instanceof avro.types.UnwrappedUnionType) {
    for (const branch of type.types) {
      if (branch.typeName === 'null') continue;
      const value = eventFromJson(branch, json);
      if (branch.isValid(value)) return value;
    }
    return json;
  }
  if (type instanceof avro.types.ArrayType) {
    return (json as unknown[]).map((item) => eventFromJson(type.itemsType, item));
  }
  if (type instanceof avro.types.MapType) {
    return Object.fromEntries(
      Object.entries(json as Record<string, unknown>).map(([key, value]) => [
        key,
        eventFromJson(type.valuesType as avro.Type, value),
      ]),
    );
  }
  if (type.typeName === 'logical:timestamp-millis' && typeof json === 'string') return new Date(json);
  return json;
}
