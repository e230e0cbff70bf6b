import { readFile } from 'node:fs/promises';
import path from 'node:path';
import test from 'ava';
import { layoutSchema } from '../../src/registry/schema-layout.ts';
import { SCHEMAS_DIR } from '../../src/schema-files.ts';

/** The same JSON with every object's keys in reverse order: the registry may answer with any order. */
function reversedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reversedKeys);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .reverse()
      .map(([key, inner]) => [key, reversedKeys(inner)]),
  );
}

for (const file of ['LoanApplicationSubmitted.avsc', 'CreditReportGenerated.avsc', 'LoanDecisionMade.avsc']) {
  test(`${file} as the registry holds it (compact, keys in any order) is laid out exactly as in schemas/`, async (t) => {
    const written = await readFile(path.join(SCHEMAS_DIR, file), 'utf8');
    const registered = JSON.stringify(reversedKeys(JSON.parse(written)));

    t.is(await layoutSchema(registered), written);
  });
}

test("a field's default is kept as it is, even an object whose keys a schema would order", async (t) => {
  const registered = JSON.stringify({
    type: 'record',
    name: 'Holder',
    fields: [{ name: 'limits', type: { type: 'map', values: 'int' }, default: { z: 1, type: 2 } }],
  });

  t.deepEqual(JSON.parse(await layoutSchema(registered)), JSON.parse(registered));
  t.regex(await layoutSchema(registered), /"default": \{ "z": 1, "type": 2 \}/);
});
