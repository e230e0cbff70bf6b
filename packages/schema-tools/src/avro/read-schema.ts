import {
  PRIMITIVE_NAMES,
  type AvroSchema,
  type FieldSchema,
  type LogicalAnnotation,
  type NamedSchema,
  type PrimitiveName,
} from './schema-model.ts';

type Json = Record<string, unknown>;

interface Scope {
  readonly namespace: string | undefined;
  readonly named: Map<string, NamedSchema>;
}

/**
 * Reads an Avro schema (parsed JSON) into the model, resolving names the way the spec does:
 * a name without a dot takes the enclosing namespace, references are looked up by full name.
 * Assumes a schema avsc already accepted; throws on what it cannot read.
 */
export function readSchema(json: unknown): AvroSchema {
  return read(json, { namespace: undefined, named: new Map() });
}

/** Reads the text of an .avsc file. */
export function readSchemaText(text: string): AvroSchema {
  return readSchema(JSON.parse(text));
}

function read(json: unknown, scope: Scope): AvroSchema {
  if (typeof json === 'string') return readReference(json, scope);
  if (Array.isArray(json)) return { kind: 'union', branches: json.map((branch) => read(branch, scope)) };
  if (typeof json !== 'object' || json === null) throw new Error(`not an Avro schema: ${String(json)}`);
  const object = json as Json;
  const { type } = object;
  if (typeof type === 'string' && PRIMITIVE_NAMES.includes(type)) {
    return { kind: 'primitive', type: type as PrimitiveName, logical: logicalOf(object) };
  }
  switch (type) {
    case 'record':
    case 'error':
      return readRecord(object, scope);
    case 'enum':
      return register(
        {
          kind: 'enum',
          ...namedParts(object, scope),
          symbols: (object.symbols as string[] | undefined) ?? [],
          default: typeof object.default === 'string' ? object.default : undefined,
        },
        scope,
      );
    case 'fixed':
      return register(
        {
          kind: 'fixed',
          ...namedParts(object, scope),
          size: Number(object.size),
          logical: logicalOf(object),
        },
        scope,
      );
    case 'array':
      return { kind: 'array', items: read(object.items, scope) };
    case 'map':
      return { kind: 'map', values: read(object.values, scope) };
    default:
      return read(type, scope);
  }
}

function readReference(name: string, scope: Scope): AvroSchema {
  if (PRIMITIVE_NAMES.includes(name))
    return { kind: 'primitive', type: name as PrimitiveName, logical: undefined };
  const found = scope.named.get(qualify(name, scope.namespace)) ?? scope.named.get(name);
  if (!found) throw new Error(`unknown type ${name}`);
  return found;
}

function readRecord(object: Json, scope: Scope): NamedSchema {
  const fields: FieldSchema[] = [];
  const record = register({ kind: 'record', ...namedParts(object, scope), fields }, scope);
  const inner: Scope = { namespace: namespaceOf(record.fullName), named: scope.named };
  for (const field of (object.fields as Json[] | undefined) ?? []) {
    fields.push({
      name: String(field.name),
      type: read(field.type, inner),
      aliases: stringsOf(field.aliases),
      doc: typeof field.doc === 'string' ? field.doc : undefined,
      tags: stringsOf(field['confluent:tags']),
      hasDefault: 'default' in field,
      default: field.default,
      order: typeof field.order === 'string' ? field.order : undefined,
    });
  }
  return record;
}

function namedParts(
  object: Json,
  scope: Scope,
): { fullName: string; aliases: string[]; doc: string | undefined } {
  const name = String(object.name);
  const namespace = typeof object.namespace === 'string' ? object.namespace : scope.namespace;
  const fullName = qualify(name, namespace);
  const own = namespaceOf(fullName);
  return {
    fullName,
    aliases: stringsOf(object.aliases).map((alias) => qualify(alias, own)),
    doc: typeof object.doc === 'string' ? object.doc : undefined,
  };
}

function register<T extends NamedSchema>(schema: T, scope: Scope): T {
  scope.named.set(schema.fullName, schema);
  return schema;
}

function logicalOf(object: Json): LogicalAnnotation | undefined {
  if (typeof object.logicalType !== 'string') return undefined;
  return {
    name: object.logicalType,
    precision: typeof object.precision === 'number' ? object.precision : undefined,
    scale: typeof object.scale === 'number' ? object.scale : undefined,
  };
}

function qualify(name: string, namespace: string | undefined): string {
  return name.includes('.') || !namespace ? name : `${namespace}.${name}`;
}

function namespaceOf(fullName: string): string | undefined {
  const dot = fullName.lastIndexOf('.');
  return dot === -1 ? undefined : fullName.slice(0, dot);
}

function stringsOf(value: unknown): string[] {
  return Array.isArray(value) ? value.map(String) : [];
}
