import test from 'ava';
import avro from 'avsc';
import { readSchema } from '../../src/avro/read-schema.ts';
import { checkResolution } from '../../src/compatibility/check-resolution.ts';
import { describeAll } from '../../src/compatibility/describe-incompatibility.ts';
import {
  decimal,
  enumOf,
  field,
  fixed,
  holder,
  record,
  type SchemaJson,
} from '../helpers/schema-builders.ts';

interface Case {
  readonly rule: string;
  readonly writer: SchemaJson;
  readonly reader: SchemaJson;
  /** The verdict of the Avro 1.11 specification. */
  readonly compatible: boolean;
  /** What the reason must say when incompatible. */
  readonly says?: string;
  /** Where avsc's resolver gives the opposite verdict: why, and the spec wins. */
  readonly avscDeviates?: string;
}

const ns = { namespace: 'in.prequal.test' };
const node = record('Node', [field('value', 'int'), field('next', ['null', 'Node'], { default: null })], ns);

const cases: Case[] = [
  // Primitives and promotions
  { rule: 'int is read as long', writer: 'int', reader: 'long', compatible: true },
  { rule: 'int is read as float', writer: 'int', reader: 'float', compatible: true },
  { rule: 'int is read as double', writer: 'int', reader: 'double', compatible: true },
  { rule: 'long is read as float', writer: 'long', reader: 'float', compatible: true },
  { rule: 'long is read as double', writer: 'long', reader: 'double', compatible: true },
  { rule: 'float is read as double', writer: 'float', reader: 'double', compatible: true },
  { rule: 'string is read as bytes', writer: 'string', reader: 'bytes', compatible: true },
  { rule: 'bytes is read as string', writer: 'bytes', reader: 'string', compatible: true },
  { rule: 'null is read as null', writer: 'null', reader: 'null', compatible: true },
  {
    rule: 'long is not narrowed to int',
    writer: holder('long'),
    reader: holder('int'),
    compatible: false,
    says: 'field value: reader type int cannot read writer type long',
  },
  { rule: 'double is not narrowed to float', writer: 'double', reader: 'float', compatible: false },
  { rule: 'float is not read as long', writer: 'float', reader: 'long', compatible: false },
  {
    rule: 'long is not read as int even through double',
    writer: 'double',
    reader: 'long',
    compatible: false,
  },
  {
    rule: 'string is not read as int',
    writer: 'string',
    reader: 'int',
    compatible: false,
    says: 'reader type int cannot read writer type string',
  },
  { rule: 'boolean is not read as int', writer: 'boolean', reader: 'int', compatible: false },
  // Unions
  {
    rule: 'a reader union reads a type one of its branches matches',
    writer: 'int',
    reader: ['null', 'int'],
    compatible: true,
  },
  {
    rule: 'a reader union branch may promote the writer type',
    writer: 'int',
    reader: ['null', 'long'],
    compatible: true,
  },
  {
    rule: 'a reader union with no matching branch fails',
    writer: 'string',
    reader: ['null', 'int'],
    compatible: false,
    says: 'no branch of reader type union [null, int] can read writer type string',
  },
  {
    rule: 'every branch of a writer union must resolve against a non-union reader',
    writer: ['null', 'int'],
    reader: 'int',
    compatible: false,
    says: 'reader type int cannot read writer type null',
  },
  {
    rule: 'a writer union whose branches all promote is read',
    writer: ['int', 'long'],
    reader: 'double',
    compatible: true,
  },
  {
    rule: 'union to union: each writer branch finds a reader branch',
    writer: ['null', 'int'],
    reader: ['long', 'null'],
    compatible: true,
  },
  {
    rule: 'union to union: a writer branch with no reader branch fails',
    writer: ['null', 'string'],
    reader: ['null', 'int'],
    compatible: false,
  },
  {
    rule: 'a reader union picks the first branch that matches by name, even when it then fails to resolve',
    writer: holder(record('Legacy', [field('id', 'int')], ns)),
    reader: holder([
      record('Current', [field('id', 'int'), field('extra', 'int')], { ...ns, aliases: ['Legacy'] }),
      record('Legacy', [field('id', 'int')], ns),
    ]),
    compatible: false,
    says: 'field value.extra',
    avscDeviates: 'avsc tries every reader branch and keeps the first that resolves (Legacy)',
  },
  // Records
  {
    rule: 'a reader field missing from the writer is filled from its default',
    writer: record('R', [field('a', 'int')]),
    reader: record('R', [field('a', 'int'), field('b', 'int', { default: 0 })]),
    compatible: true,
  },
  {
    rule: 'a reader field missing from the writer without a default fails',
    writer: record('R', [field('a', 'int')]),
    reader: record('R', [field('a', 'int'), field('b', 'int')]),
    compatible: false,
    says: 'field b has no default in the reader',
  },
  {
    rule: 'a writer field unknown to the reader is skipped',
    writer: record('R', [field('a', 'int'), field('b', 'string')]),
    reader: record('R', [field('a', 'int')]),
    compatible: true,
  },
  {
    rule: 'fields are matched by name, not position',
    writer: record('R', [field('a', 'int'), field('b', 'string')]),
    reader: record('R', [field('b', 'string'), field('a', 'int')]),
    compatible: true,
  },
  {
    rule: 'a reader field alias matches a renamed writer field',
    writer: record('R', [field('old', 'int')]),
    reader: record('R', [field('new', 'int', { aliases: ['old'] })]),
    compatible: true,
  },
  {
    rule: 'a field name wins over a field alias that also matches',
    writer: record('R', [field('a', 'string'), field('b', 'int')]),
    reader: record('R', [field('b', 'int', { aliases: ['a'] })]),
    compatible: true,
    avscDeviates: 'avsc refuses "ambiguous aliasing" when a field name and one of its aliases both match',
  },
  {
    rule: 'records with different names do not match',
    writer: record('A', [field('a', 'int')]),
    reader: record('B', [field('a', 'int')]),
    compatible: false,
    says: 'the names differ',
  },
  {
    rule: 'a reader record alias matches the writer record name',
    writer: record('A', [field('a', 'int')], ns),
    reader: record('B', [field('a', 'int')], { ...ns, aliases: ['A'] }),
    compatible: true,
  },
  {
    rule: 'records match on their unqualified names: a namespace change is compatible',
    writer: record('R', [field('a', 'int')], { namespace: 'in.prequal.old' }),
    reader: record('R', [field('a', 'int')], { namespace: 'in.prequal.new' }),
    compatible: true,
    avscDeviates: 'avsc compares full names unless ignoreNamespaces is set',
  },
  {
    rule: 'nested records are resolved field by field',
    writer: record('Outer', [field('inner', record('Inner', [field('age', 'string')]))]),
    reader: record('Outer', [field('inner', record('Inner', [field('age', 'int')]))]),
    compatible: false,
    says: 'field inner.age: reader type int cannot read writer type string',
  },
  {
    rule: 'a nested record field added with a default is compatible',
    writer: record('Outer', [field('inner', record('Inner', [field('a', 'int')]))]),
    reader: record('Outer', [
      field('inner', record('Inner', [field('a', 'int'), field('b', ['null', 'string'], { default: null })])),
    ]),
    compatible: true,
  },
  { rule: 'a recursive record reads itself', writer: node, reader: node, compatible: true },
  {
    rule: 'a recursive record is resolved through its recursion',
    writer: node,
    reader: record(
      'Node',
      [
        field('value', 'long'),
        field('next', ['null', 'Node'], { default: null }),
        field('label', 'string', { default: '' }),
      ],
      ns,
    ),
    compatible: true,
  },
  // Enums
  {
    rule: 'an enum reads a writer with fewer symbols',
    writer: enumOf('E', ['A']),
    reader: enumOf('E', ['A', 'B']),
    compatible: true,
  },
  {
    rule: 'an unknown writer symbol fails when the reader enum has no default',
    writer: holder(enumOf('LoanDecision', ['A', 'DEFERRED'])),
    reader: holder(enumOf('LoanDecision', ['A'])),
    compatible: false,
    says: 'field value: enum LoanDecision: writer symbol DEFERRED unknown to reader and the reader enum has no default',
  },
  {
    rule: 'an unknown writer symbol is read as the reader enum default',
    writer: enumOf('E', ['A', 'B']),
    reader: enumOf('E', ['A', 'UNKNOWN'], { default: 'UNKNOWN' }),
    compatible: true,
  },
  {
    rule: 'enums with different names do not match',
    writer: enumOf('E', ['A']),
    reader: enumOf('F', ['A']),
    compatible: false,
  },
  {
    rule: 'a reader enum alias matches the writer enum name',
    writer: enumOf('E', ['A'], ns),
    reader: enumOf('F', ['A'], { ...ns, aliases: ['E'] }),
    compatible: true,
  },
  // Fixed
  {
    rule: 'fixed of the same name and size match',
    writer: fixed('F', 16),
    reader: fixed('F', 16),
    compatible: true,
  },
  {
    rule: 'fixed of another size do not match',
    writer: holder(fixed('Md5', 16)),
    reader: holder(fixed('Md5', 8)),
    compatible: false,
    says: 'fixed Md5: reader size 8 cannot read writer size 16',
  },
  {
    rule: 'fixed of another name do not match',
    writer: fixed('F', 16),
    reader: fixed('G', 16),
    compatible: false,
  },
  { rule: 'fixed is not read as bytes', writer: fixed('F', 16), reader: 'bytes', compatible: false },
  // Arrays and maps
  {
    rule: 'array items are resolved recursively (promotion)',
    writer: { type: 'array', items: 'int' },
    reader: { type: 'array', items: 'long' },
    compatible: true,
  },
  {
    rule: 'array items are resolved recursively (failure)',
    writer: holder({ type: 'array', items: 'long' }),
    reader: holder({ type: 'array', items: 'int' }),
    compatible: false,
    says: 'field value[]: reader type int',
  },
  {
    rule: 'map values are resolved recursively (promotion)',
    writer: { type: 'map', values: 'string' },
    reader: { type: 'map', values: 'bytes' },
    compatible: true,
  },
  {
    rule: 'map values are resolved recursively (failure)',
    writer: holder({ type: 'map', values: 'int' }),
    reader: holder({ type: 'map', values: 'boolean' }),
    compatible: false,
    says: 'field value{}: reader type boolean',
  },
  {
    rule: 'an array is not read as a map',
    writer: { type: 'array', items: 'int' },
    reader: { type: 'map', values: 'int' },
    compatible: false,
  },
  {
    rule: 'records inside arrays are resolved with their path',
    writer: holder({ type: 'array', items: record('Item', [field('a', 'int')]) }),
    reader: holder({ type: 'array', items: record('Item', [field('a', 'int'), field('b', 'int')]) }),
    compatible: false,
    says: 'field value[].b',
  },
  // Logical types: resolved on their underlying types
  {
    rule: 'a decimal of another scale falls back to bytes and is read',
    writer: decimal(12, 2),
    reader: decimal(12, 3),
    compatible: true,
  },
  {
    rule: 'a decimal of another precision falls back to bytes and is read',
    writer: decimal(14, 2),
    reader: decimal(12, 2),
    compatible: true,
  },
  {
    rule: 'a uuid is read as a plain string',
    writer: { type: 'string', logicalType: 'uuid' },
    reader: 'string',
    compatible: true,
  },
  {
    rule: 'a timestamp-millis reads an int (promotion of its long)',
    writer: 'int',
    reader: { type: 'long', logicalType: 'timestamp-millis' },
    compatible: true,
  },
  {
    rule: 'a decimal is read as a string: its bytes promote to string',
    writer: decimal(12, 2),
    reader: 'string',
    compatible: true,
  },
  { rule: 'a decimal is not read as an int', writer: decimal(12, 2), reader: 'int', compatible: false },
];

function avscVerdict(writer: SchemaJson, reader: SchemaJson): boolean {
  try {
    avro.Type.forSchema(reader as avro.Schema).createResolver(avro.Type.forSchema(writer as avro.Schema));
    return true;
  } catch {
    return false;
  }
}

for (const { rule, writer, reader, compatible, says, avscDeviates } of cases) {
  test(`${compatible ? 'compatible' : 'incompatible'}: ${rule}`, (t) => {
    const found = checkResolution(readSchema(writer), readSchema(reader));

    t.is(found.length === 0, compatible, describeAll(found).join('; '));
    if (says)
      t.true(
        describeAll(found).some((line) => line.includes(says)),
        describeAll(found).join('; '),
      );
    if (avscDeviates) {
      t.is(avscVerdict(writer, reader), !compatible, `documented avsc deviation: ${avscDeviates}`);
    } else {
      t.is(avscVerdict(writer, reader), compatible, "avsc's resolver agrees");
    }
  });
}
