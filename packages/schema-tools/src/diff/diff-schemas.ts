import { describeSchema, describeValue } from '../avro/describe-schema.ts';
import {
  isNamed,
  shortNameOf,
  type AvroSchema,
  type EnumSchema,
  type FieldSchema,
  type NamedSchema,
  type RecordSchema,
} from '../avro/schema-model.ts';
import { formatPath } from '../compatibility/describe-incompatibility.ts';
import { namesMatch } from '../compatibility/schemas-match.ts';
import { decimalWarning } from './decimal-warning.ts';
import { added, changed, removed, type SchemaChange } from './schema-change.ts';

interface Walk {
  readonly changes: SchemaChange[];
  /** Named type pairs already compared: each is reported once, and recursion ends. */
  readonly visited: Set<string>;
}

/**
 * What changed from one version of a schema to the next: fields added, removed and changed (type,
 * default, doc, aliases, order), named types' names, aliases, docs, enum symbols and defaults and
 * fixed sizes, recursively through nested records, arrays, maps and unions.
 */
export function diffSchemas(previous: AvroSchema, next: AvroSchema): SchemaChange[] {
  const walk: Walk = { changes: [], visited: new Set() };
  diffTypes(previous, next, [], walk);
  return walk.changes;
}

function diffTypes(previous: AvroSchema, next: AvroSchema, path: readonly string[], walk: Walk): void {
  if (previous.kind === 'union' || next.kind === 'union') {
    for (const [before, after] of pairBranches(previous, next)) diffTypes(before, after, path, walk);
    return;
  }
  if (previous.kind === 'array' && next.kind === 'array')
    diffTypes(previous.items, next.items, [...path, '[]'], walk);
  if (previous.kind === 'map' && next.kind === 'map')
    diffTypes(previous.values, next.values, [...path, '{}'], walk);
  if (!isNamed(previous) || !isNamed(next) || previous.kind !== next.kind) return;
  // Below the top level, two differently named types are a type change (reported on the field).
  if (path.length > 0 && !namesMatch(previous, next)) return;
  const key = `${previous.fullName}>${next.fullName}`;
  if (walk.visited.has(key)) return;
  walk.visited.add(key);
  const name = `${next.kind} ${shortNameOf(next.fullName)}`;
  const at = { where: path.length > 0 ? `${name} (field ${formatPath(path)})` : name, path };
  diffNamed(previous, next, at, walk);
  if (previous.kind === 'record' && next.kind === 'record') diffFields(previous, next, path, walk);
  if (previous.kind === 'enum' && next.kind === 'enum') diffEnum(previous, next, at, walk);
  if (previous.kind === 'fixed' && next.kind === 'fixed' && previous.size !== next.size) {
    walk.changes.push(changed(at, 'size', String(previous.size), String(next.size)));
  }
}

/** Union branches paired by what they are: named types by name or alias, others by type. */
function pairBranches(previous: AvroSchema, next: AvroSchema): [AvroSchema, AvroSchema][] {
  const before = previous.kind === 'union' ? previous.branches : [previous];
  const after = next.kind === 'union' ? next.branches : [next];
  return after.flatMap((branch): [AvroSchema, AvroSchema][] => {
    const match = before.find((candidate) => sameBranch(candidate, branch));
    return match ? [[match, branch]] : [];
  });
}

function sameBranch(previous: AvroSchema, next: AvroSchema): boolean {
  if (isNamed(previous) && isNamed(next)) return previous.kind === next.kind && namesMatch(previous, next);
  if (previous.kind === 'primitive' && next.kind === 'primitive') return previous.type === next.type;
  return previous.kind === next.kind;
}

function diffNamed(previous: NamedSchema, next: NamedSchema, at: Place, walk: Walk): void {
  if (previous.fullName !== next.fullName)
    walk.changes.push(changed(at, 'name', previous.fullName, next.fullName));
  compare(at, 'aliases', list(previous.aliases), list(next.aliases), walk);
  compare(at, 'doc', previous.doc ?? '(none)', next.doc ?? '(none)', walk);
}

function diffEnum(previous: EnumSchema, next: EnumSchema, at: Place, walk: Walk): void {
  compare(at, 'symbols', list(previous.symbols), list(next.symbols), walk);
  compare(at, 'enum default', previous.default ?? '(none)', next.default ?? '(none)', walk);
}

function diffFields(previous: RecordSchema, next: RecordSchema, path: readonly string[], walk: Walk): void {
  const matched = new Set<FieldSchema>();
  for (const field of next.fields) {
    const at = fieldPlace([...path, field.name]);
    const before =
      previous.fields.find((candidate) => candidate.name === field.name) ??
      previous.fields.find((candidate) => field.aliases.includes(candidate.name));
    if (!before) {
      walk.changes.push(added(at.where, at.path, describeField(field)));
      continue;
    }
    matched.add(before);
    if (before.name !== field.name) walk.changes.push(changed(at, 'name', before.name, field.name));
    const [typeBefore, typeAfter] = [describeSchema(before.type), describeSchema(field.type)];
    if (typeBefore !== typeAfter) {
      walk.changes.push(changed(at, 'type', typeBefore, typeAfter, decimalWarning(before.type, field.type)));
    }
    compare(at, 'default', defaultOf(before), defaultOf(field), walk);
    compare(at, 'doc', before.doc ?? '(none)', field.doc ?? '(none)', walk);
    compare(at, 'aliases', list(before.aliases), list(field.aliases), walk);
    compare(at, 'tags', list(before.tags), list(field.tags), walk);
    compare(at, 'order', before.order ?? 'ascending', field.order ?? 'ascending', walk);
    diffTypes(before.type, field.type, at.path, walk);
  }
  for (const field of previous.fields.filter((candidate) => !matched.has(candidate))) {
    const at = fieldPlace([...path, field.name]);
    walk.changes.push(removed(at.where, at.path, describeField(field)));
  }
}

/** Where a change is: the words of the report and the field path behind them. */
interface Place {
  readonly where: string;
  readonly path: readonly string[];
}

function fieldPlace(path: readonly string[]): Place {
  return { where: `field ${formatPath(path)}`, path };
}

function compare(at: Place, aspect: string, before: string, after: string, walk: Walk): void {
  if (before !== after) walk.changes.push(changed(at, aspect, before, after));
}

function describeField(field: FieldSchema): string {
  return `${describeSchema(field.type)}, ${field.hasDefault ? `default ${describeValue(field.default)}` : 'no default'}`;
}

function defaultOf(field: FieldSchema): string {
  return field.hasDefault ? describeValue(field.default) : '(none)';
}

function list(values: readonly string[]): string {
  return values.length > 0 ? values.join(', ') : '(none)';
}
