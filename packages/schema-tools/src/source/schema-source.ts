import { parseTree, type Node, type ParseError } from 'jsonc-parser';
import { positionsOf, type SourcePosition } from './source-position.ts';

const NAMED_KINDS = new Set(['record', 'error', 'enum', 'fixed']);

/**
 * The text of an .avsc file with the position of every JSON value (jsonc-parser keeps offsets that
 * JSON.parse throws away), so that a finding can point at the line that declares its field.
 */
export class SchemaSource {
  /** Where the JSON syntax breaks, when the text is not JSON. */
  readonly syntaxError: SourcePosition | undefined;
  /** The name of the top-level type (the record), else the start of the file. */
  readonly top: SourcePosition;
  readonly #root: Node | undefined;
  readonly #named: ReadonlyMap<string, Node>;
  readonly #positionAt: (offset: number) => SourcePosition;

  constructor(text: string) {
    const errors: ParseError[] = [];
    this.#root = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false });
    this.#positionAt = positionsOf(text);
    this.#named = this.#root ? namedTypes(this.#root) : new Map();
    const [firstError] = errors;
    this.syntaxError = firstError ? this.#positionAt(firstError.offset) : undefined;
    this.top = this.#root ? this.#nameOf(this.#root) : { line: 1, column: 1 };
  }

  /**
   * The line of the field at a path (reader field names from the top-level record down, `[]` for
   * array items, `{}` for map values): its `"name"`. A field this file lacks (it was removed) is
   * placed where it was: at the field that followed it in `previous`, else at the end of its
   * record's fields; without `previous`, at the closest enclosing field.
   */
  fieldPosition(path: readonly string[], previous?: SchemaSource): SourcePosition {
    const walk = this.#walk(path);
    const deepest = walk.fields.at(-1);
    if (walk.missingAt === undefined) return deepest ? this.#nameOf(deepest) : this.top;
    const record = walk.records[0];
    const fieldList = record ? propertyValue(record, 'fields') : undefined;
    if (previous && record && fieldList) {
      const following = previous.#namesAfter(path.slice(0, walk.missingAt + 1));
      const next = following.map((name) => fieldNamed(record, name)).find((field) => field !== undefined);
      return next ? this.#nameOf(next) : this.#positionAt(fieldList.offset + fieldList.length - 1);
    }
    return deepest ? this.#nameOf(deepest) : this.top;
  }

  /** The names of the fields declared after the field at a path, in its record. */
  #namesAfter(path: readonly string[]): string[] {
    const walk = this.#walk(path);
    const field = walk.missingAt === undefined ? walk.fields.at(-1) : undefined;
    if (!field) return [];
    const siblings = field.parent?.children ?? [];
    return siblings.slice(siblings.indexOf(field) + 1).flatMap((sibling) => {
      const name = propertyValue(sibling, 'name')?.value as unknown;
      return typeof name === 'string' ? [name] : [];
    });
  }

  /** The field declarations along a path, as far as this file has them. */
  #walk(path: readonly string[]): { fields: Node[]; records: Node[]; missingAt: number | undefined } {
    let types: Node[] = this.#root ? [this.#root] : [];
    const fields: Node[] = [];
    for (const [index, segment] of path.entries()) {
      if (segment === '[]' || segment === '{}') {
        const container = segment === '[]' ? 'array' : 'map';
        types = types.flatMap((type) => this.#contentsOf(type, container));
        continue;
      }
      const records = types.flatMap((type) => this.#recordsIn(type));
      const field = records.map((record) => fieldNamed(record, segment)).find((found) => found !== undefined);
      if (!field) return { fields, records, missingAt: index };
      fields.push(field);
      const type = propertyValue(field, 'type');
      types = type ? [type] : [];
    }
    return { fields, records: [], missingAt: undefined };
  }

  /** The record declarations a type can be: itself, a union's branches, or a named reference's definition. */
  #recordsIn(type: Node): Node[] {
    if (type.type === 'array') return (type.children ?? []).flatMap((branch) => this.#recordsIn(branch));
    const definition = type.type === 'string' ? this.#named.get(String(type.value)) : type;
    return definition?.type === 'object' && propertyValue(definition, 'fields') ? [definition] : [];
  }

  /** The items of an array type or the values of a map type (through a union's branches). */
  #contentsOf(type: Node, container: 'array' | 'map'): Node[] {
    if (type.type === 'array')
      return (type.children ?? []).flatMap((branch) => this.#contentsOf(branch, container));
    if (type.type !== 'object' || propertyValue(type, 'type')?.value !== container) return [];
    const contents = propertyValue(type, container === 'array' ? 'items' : 'values');
    return contents ? [contents] : [];
  }

  #nameOf(declaration: Node): SourcePosition {
    const name = declaration.children?.find((property) => property.children?.[0]?.value === 'name');
    return this.#positionAt((name ?? declaration).offset);
  }
}

function propertyValue(object: Node, key: string): Node | undefined {
  if (object.type !== 'object') return undefined;
  return object.children?.find((property) => property.children?.[0]?.value === key)?.children?.[1];
}

/** A record's field by name, or by one of its aliases (a renamed field still answers to its old name). */
function fieldNamed(record: Node, name: string): Node | undefined {
  const fields = propertyValue(record, 'fields')?.children ?? [];
  return (
    fields.find((field) => propertyValue(field, 'name')?.value === name) ??
    fields.find((field) =>
      (propertyValue(field, 'aliases')?.children ?? []).some((alias) => alias.value === name),
    )
  );
}

/** Every named type declared in the file, by full name and by short name. */
function namedTypes(root: Node): Map<string, Node> {
  const named = new Map<string, Node>();
  const visit = (node: Node, namespace: string | undefined): void => {
    let inner = namespace;
    if (node.type === 'object') {
      const kind = propertyValue(node, 'type')?.value as unknown;
      const name = propertyValue(node, 'name')?.value as unknown;
      if (typeof kind === 'string' && NAMED_KINDS.has(kind) && typeof name === 'string') {
        const declared = propertyValue(node, 'namespace')?.value as unknown;
        const own = typeof declared === 'string' ? declared : namespace;
        inner = name.includes('.') ? name.slice(0, name.lastIndexOf('.')) : own;
        const shortName = name.slice(name.lastIndexOf('.') + 1);
        named.set(inner ? `${inner}.${shortName}` : shortName, node);
        if (!named.has(shortName)) named.set(shortName, node);
      }
    }
    for (const child of node.children ?? []) visit(child, inner);
  };
  visit(root, undefined);
  return named;
}
