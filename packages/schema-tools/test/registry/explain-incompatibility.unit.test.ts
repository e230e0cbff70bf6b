import test from 'ava';
import { readSchema } from '../../src/avro/read-schema.ts';
import { explainIncompatibility, versionsToCompare } from '../../src/registry/explain-incompatibility.ts';
import { ourSchema, withField, withoutField } from '../helpers/our-schemas.ts';

test('a transitive level compares with every registered version, others with the latest', (t) => {
  t.deepEqual(versionsToCompare('FULL_TRANSITIVE', [1, 2, 3]), [1, 2, 3]);
  t.deepEqual(versionsToCompare('BACKWARD', [1, 2, 3]), [3]);
  t.deepEqual(versionsToCompare('FULL', []), []);
});

test('the explanation names each version and field, in the directions the level requires', (t) => {
  const v1 = ourSchema('LoanDecisionMade');
  const v2 = withField(v1, { name: 'note', type: 'string', default: '', doc: 'A note.' });
  const local = withoutField(v2, 'cibilScore');
  const registered = [
    { version: 1, schema: readSchema(v1) },
    { version: 2, schema: readSchema(v2) },
  ];

  t.deepEqual(explainIncompatibility('FULL_TRANSITIVE', registered, readSchema(local)), [
    'against version 1, FORWARD: field cibilScore removed without a default: an old reader has no value for it',
    'against version 2, FORWARD: field cibilScore removed without a default: an old reader has no value for it',
  ]);
  t.deepEqual(
    explainIncompatibility('BACKWARD', registered, readSchema(local)),
    [],
    'a removal is BACKWARD compatible',
  );
});
