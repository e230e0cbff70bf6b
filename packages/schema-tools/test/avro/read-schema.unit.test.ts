import test from 'ava';
import { readSchema } from '../../src/avro/read-schema.ts';
import type { AvroSchema, RecordSchema } from '../../src/avro/schema-model.ts';
import { ourSchema } from '../helpers/our-schemas.ts';

function fieldType(schema: AvroSchema, name: string): AvroSchema | undefined {
  return (schema as RecordSchema).fields.find((field) => field.name === name)?.type;
}

test('named types take the enclosing namespace, aliases are qualified with the type namespace', (t) => {
  const schema = readSchema({
    type: 'record',
    name: 'Outer',
    namespace: 'in.prequal.a',
    aliases: ['Before'],
    fields: [
      { name: 'inner', type: { type: 'enum', name: 'Kind', symbols: ['X'] } },
      { name: 'other', type: { type: 'fixed', name: 'in.prequal.b.Hash', size: 4, aliases: ['Digest'] } },
    ],
  });

  t.like(schema, { kind: 'record', fullName: 'in.prequal.a.Outer', aliases: ['in.prequal.a.Before'] });
  t.like(fieldType(schema, 'inner'), { kind: 'enum', fullName: 'in.prequal.a.Kind' });
  t.like(fieldType(schema, 'other'), {
    kind: 'fixed',
    fullName: 'in.prequal.b.Hash',
    aliases: ['in.prequal.b.Digest'],
  });
});

test('a reference by name is the same object as its definition, and a recursive record is a cycle', (t) => {
  const schema = readSchema({
    type: 'record',
    name: 'Node',
    namespace: 'in.prequal.test',
    fields: [
      { name: 'kind', type: { type: 'enum', name: 'Kind', symbols: ['A'] } },
      { name: 'again', type: 'Kind' },
      { name: 'next', type: ['null', 'in.prequal.test.Node'], default: null },
    ],
  });

  t.is(fieldType(schema, 'again'), fieldType(schema, 'kind'));
  const next = fieldType(schema, 'next');
  t.is(next?.kind === 'union' ? next.branches[1] : undefined, schema);
});

test('logical types, docs and defaults are kept as written', (t) => {
  const schema = readSchema(ourSchema('LoanApplicationSubmitted'));

  t.like(fieldType(schema, 'monthlyIncomeInr'), {
    kind: 'primitive',
    type: 'bytes',
    logical: { name: 'decimal', precision: 12, scale: 2 },
  });
  t.like(
    (schema as RecordSchema).fields.find((field) => field.name === 'applicantName'),
    {
      hasDefault: true,
      default: null,
    },
  );
  t.like(
    (schema as RecordSchema).fields.find((field) => field.name === 'panNumber'),
    {
      hasDefault: false,
    },
  );
});

test('an unknown type name is refused', (t) => {
  t.throws(() => readSchema({ type: 'record', name: 'R', fields: [{ name: 'a', type: 'Missing' }] }), {
    message: 'unknown type Missing',
  });
});
