import test from 'ava';
import { readSchema } from '../../src/avro/read-schema.ts';
import { judgeChange } from '../../src/compatibility/compatibility-levels.ts';
import { describeAll } from '../../src/compatibility/describe-incompatibility.ts';
import { diffSchemas } from '../../src/diff/diff-schemas.ts';
import type { SchemaChange } from '../../src/diff/schema-change.ts';
import { decimal, enumOf, field, record } from '../helpers/schema-builders.ts';
import { editField, ourSchema, withDecisionEnum, withField, withoutField } from '../helpers/our-schemas.ts';

function compare(before: unknown, after: unknown) {
  const [previous, next] = [readSchema(before), readSchema(after)];
  const verdict = judgeChange(previous, next);
  return {
    changes: diffSchemas(previous, next),
    backward: describeAll(verdict.backward, 'backward'),
    forward: describeAll(verdict.forward, 'forward'),
  };
}

/** `changed field cibilScore type: int → string`: one line per change, to compare whole lists. */
function lines(changes: readonly SchemaChange[]): string[] {
  return changes.map(({ kind, where, aspect, before, after }) =>
    `${kind} ${where}${aspect ? ` ${aspect}` : ''}: ${before ?? ''} → ${after ?? ''}`
      .replace(/ +/g, ' ')
      .trim(),
  );
}

const riskBand = {
  name: 'riskBand',
  type: ['null', 'string'],
  default: null,
  doc: 'Coarse risk band, when known.',
};

test('a new field with a default is listed as added and is compatible both ways', (t) => {
  const base = ourSchema('CreditReportGenerated');

  const { changes, backward, forward } = compare(base, withField(base, riskBand));

  t.deepEqual(lines(changes), ['added field riskBand: → union [null, string], default null']);
  t.deepEqual([backward, forward], [[], []]);
});

test('a new field without a default breaks BACKWARD: a new reader has no value for it in old data', (t) => {
  const base = ourSchema('CreditReportGenerated');

  const { backward, forward } = compare(
    base,
    withField(base, { name: 'riskBand', type: 'string', doc: 'Band.' }),
  );

  t.deepEqual(backward, [
    'field riskBand added without a default: a new reader has no value for it in old data',
  ]);
  t.deepEqual(forward, []);
});

test('a field removed without a default breaks FORWARD: an old reader has no value for it', (t) => {
  const base = ourSchema('LoanDecisionMade');

  const { changes, backward, forward } = compare(base, withoutField(base, 'cibilScore'));

  t.deepEqual(lines(changes), ['removed field cibilScore: int, no default →']);
  t.deepEqual(backward, []);
  t.deepEqual(forward, ['field cibilScore removed without a default: an old reader has no value for it']);
});

test('a field whose type changes from int to string breaks both directions, naming the field', (t) => {
  const base = ourSchema('LoanDecisionMade');

  const { changes, backward, forward } = compare(
    base,
    editField(base, 'cibilScore', (f) => ({ ...f, type: 'string' })),
  );

  t.deepEqual(lines(changes), ['changed field cibilScore type: int → string']);
  t.deepEqual(backward, ['field cibilScore: reader type string cannot read writer type int']);
  t.deepEqual(forward, ['field cibilScore: reader type int cannot read writer type string']);
});

test('an enum symbol added without an enum default breaks FORWARD, naming the field and the symbol', (t) => {
  const base = withDecisionEnum(['PRE_APPROVED', 'REJECTED', 'MANUAL_REVIEW']);
  const next = withDecisionEnum(['PRE_APPROVED', 'REJECTED', 'MANUAL_REVIEW', 'DEFERRED']);

  const { changes, backward, forward } = compare(base, next);

  t.deepEqual(lines(changes), [
    'changed enum LoanDecision (field decision) symbols: PRE_APPROVED, REJECTED, MANUAL_REVIEW → PRE_APPROVED, REJECTED, MANUAL_REVIEW, DEFERRED',
  ]);
  t.deepEqual(backward, []);
  t.deepEqual(forward, [
    'field decision: enum LoanDecision: writer symbol DEFERRED unknown to reader and the reader enum has no default',
  ]);
});

test('an enum symbol added to an enum with a default is compatible: old readers see the default', (t) => {
  const base = ourSchema('LoanDecisionMade');
  const next = withDecisionEnum(
    ['PRE_APPROVED', 'REJECTED', 'MANUAL_REVIEW', 'UNKNOWN', 'DEFERRED'],
    'UNKNOWN',
  );

  const { backward, forward } = compare(base, next);

  t.deepEqual([backward, forward], [[], []]);
});

test('a doc and aliases that change are listed and stay compatible', (t) => {
  const base = ourSchema('LoanApplicationSubmitted');
  const next = editField(base, 'applicantName', (f) => ({
    ...f,
    doc: 'Name as given.',
    default: null,
    aliases: ['name'],
  }));

  const { changes, backward, forward } = compare(base, next);

  t.deepEqual(
    changes.map((change) => `${change.where} ${change.aspect ?? ''}`),
    ['field applicantName doc', 'field applicantName aliases'],
  );
  t.deepEqual([backward, forward], [[], []]);
});

test('a decimal whose scale changes is compatible for Avro but carries a warning about the amounts', (t) => {
  const base = ourSchema('LoanApplicationSubmitted');
  const next = editField(base, 'monthlyIncomeInr', (f) => ({ ...f, type: decimal(12, 3) }));

  const { changes, backward, forward } = compare(base, next);

  t.deepEqual([backward, forward], [[], []]);
  t.is(changes.length, 1);
  t.is(changes[0]?.before, 'bytes (decimal 12,2)');
  t.regex(changes[0]?.warning ?? '', /12\.34 would read as 1\.234/);
});

test('changes inside nested records, arrays and unions are listed with their path', (t) => {
  const address = (fields: Record<string, unknown>[]) => record('Address', fields, { doc: 'Where.' });
  const before = record('Holder', [
    field(
      'applicant',
      record('Applicant', [field('addresses', { type: 'array', items: address([field('city', 'string')]) })]),
    ),
    field('status', ['null', enumOf('Status', ['A'])], { default: null }),
  ]);
  const after = record('Holder', [
    field(
      'applicant',
      record('Applicant', [
        field('addresses', {
          type: 'array',
          items: address([field('city', 'string'), field('pin', 'string', { default: '' })]),
        }),
      ]),
    ),
    field('status', ['null', enumOf('Status', ['A', 'B'], { default: 'A' })], { default: null }),
  ]);

  const { changes } = compare(before, after);

  t.deepEqual(
    changes.map((change) => `${change.kind} ${change.where} ${change.aspect ?? ''}`.trim()),
    [
      'added field applicant.addresses[].pin',
      'changed enum Status (field status) symbols',
      'changed enum Status (field status) enum default',
    ],
  );
});

test('a record renamed with an alias of its old name is listed as a name change', (t) => {
  const before = record('Old', [field('a', 'int')], { namespace: 'in.prequal.test' });
  const after = record('New', [field('a', 'int')], { namespace: 'in.prequal.test', aliases: ['Old'] });

  const { changes, backward, forward } = compare(before, after);

  t.deepEqual(lines(changes), [
    'changed record New name: in.prequal.test.Old → in.prequal.test.New',
    'changed record New aliases: (none) → in.prequal.test.Old',
  ]);
  t.deepEqual(backward, [], 'the new reader knows the old name through its alias');
  t.is(forward.length, 1, 'the old reader has no alias for the new name');
});

test('a decimal turned into a string is compatible for Avro (bytes promote to string) but carries a warning', (t) => {
  const base = ourSchema('LoanApplicationSubmitted');
  const next = editField(base, 'loanAmountInr', (f) => ({ ...f, type: 'string' }));

  const { changes, backward, forward } = compare(base, next);

  t.deepEqual([backward, forward], [[], []]);
  t.regex(changes[0]?.warning ?? '', /a decimal on one side only/);
});

test('identical schemas have no changes', (t) => {
  const schema = ourSchema('LoanDecisionMade');

  t.deepEqual(compare(schema, structuredClone(schema)).changes, []);
});
