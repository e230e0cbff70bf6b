import test from 'ava';
import { SchemaSource } from '../../src/source/schema-source.ts';

/** Lines of a schema, so that each test can say on which line a field is declared. */
const lines = (...text: string[]) => `${text.join('\n')}\n`;

const application = lines(
  '{', //                                                     1
  '  "type": "record",',
  '  "name": "Application",',
  '  "namespace": "in.prequal.test",',
  '  "fields": [', //                                         5
  '    { "name": "id", "type": "string" },',
  '    {',
  '      "name": "applicant",',
  '      "type": {',
  '        "type": "record",', //                             10
  '        "name": "Applicant",',
  '        "fields": [',
  '          { "name": "city", "type": "string" },',
  '          { "name": "phones", "type": { "type": "array", "items": {',
  '            "type": "record", "name": "Phone", "fields": [', // 15
  '              { "name": "number", "type": "string" }',
  '            ] } } }',
  '        ]',
  '      }',
  '    },', //                                                20
  '    { "name": "limits", "type": { "type": "map", "values": "in.prequal.test.Applicant" } },',
  '    { "name": "previous", "type": ["null", "Applicant"], "aliases": ["former"] },',
  '    { "name": "score", "type": "int" }',
  '  ]',
  '}', //                                                     25
);

const positions: [what: string, path: string[], line: number, column: number][] = [
  ['a top-level field, at its "name"', ['id'], 6, 7],
  ['a field of a nested record', ['applicant', 'city'], 13, 13],
  ['a field of a record in an array', ['applicant', 'phones', '[]', 'number'], 16, 17],
  ['a field of a named type used again as map values', ['limits', '{}', 'city'], 13, 13],
  ['a field through a union branch that names a type', ['previous', 'city'], 13, 13],
  ['a field by one of its aliases', ['former'], 22, 7],
];

for (const [what, path, line, column] of positions) {
  test(`the position of ${what} is line ${line}, column ${column}`, (t) => {
    t.deepEqual(new SchemaSource(application).fieldPosition(path), { line, column });
  });
}

test('the schema as a whole is placed at the name of its top-level record', (t) => {
  t.deepEqual(new SchemaSource(application).top, { line: 3, column: 3 });
  t.deepEqual(new SchemaSource(application).fieldPosition([]), { line: 3, column: 3 });
});

test('a field the file lacks, without the previous version, is placed at its closest enclosing field', (t) => {
  t.deepEqual(new SchemaSource(application).fieldPosition(['applicant', 'street']), { line: 8, column: 7 });
  t.deepEqual(new SchemaSource(application).fieldPosition(['gone']), { line: 3, column: 3 });
});

const before = lines(
  '{',
  '  "type": "record",',
  '  "name": "Application",',
  '  "fields": [',
  '    { "name": "id", "type": "string" },', //  5
  '    { "name": "reason", "type": "string" },',
  '    { "name": "score", "type": "int" }',
  '  ]',
  '}',
);

test('a removed field is placed where it was: at the field that followed it', (t) => {
  const after = before.replace('    { "name": "reason", "type": "string" },\n', '');

  t.deepEqual(new SchemaSource(after).fieldPosition(['reason'], new SchemaSource(before)), {
    line: 6,
    column: 7,
  });
});

test("a removed last field is placed at the end of its record's fields", (t) => {
  const after = lines(
    '{',
    '  "type": "record",',
    '  "name": "Application",',
    '  "fields": [',
    '    { "name": "id", "type": "string" },',
    '    { "name": "reason", "type": "string" }',
    '  ]', // 7
    '}',
  );

  t.deepEqual(new SchemaSource(after).fieldPosition(['score'], new SchemaSource(before)), {
    line: 7,
    column: 3,
  });
});

test('text that is not JSON has the position of its first syntax error; JSON has none', (t) => {
  const source = new SchemaSource(lines('{', '  "type": "record",', '  "name" "Broken"', '}'));

  t.deepEqual(source.syntaxError, { line: 3, column: 10 });
  t.is(new SchemaSource(application).syntaxError, undefined);
});
