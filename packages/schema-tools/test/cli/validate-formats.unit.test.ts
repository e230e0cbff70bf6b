import path from 'node:path';
import test from 'ava';
import type { ValidateDocument } from '../../src/report/validate-report.ts';
import { FIXTURES, matchesFixture } from '../helpers/fixtures.ts';
import { runCli } from '../helpers/run-cli.ts';

/**
 * fixtures/conventions/schemas: Broken.avsc is not JSON (a comma is missing); LoanDecisionMade.avsc
 * has an enum without a default, a field without a doc and a money field that is a double.
 */
const SCHEMAS = path.join(FIXTURES, 'conventions', 'schemas');

const validate = (format: string) => runCli(['validate', '--format', format, '--schemas-dir', SCHEMAS]);

const outputs: [format: string, fixture: string][] = [
  ['text', 'validate.txt'],
  ['markdown', 'validate.md'],
  ['json', 'validate.json'],
  ['github-actions', 'validate.github-actions.txt'],
];

for (const [format, fixture] of outputs) {
  test(`validate --format ${format} prints fixtures/conventions/expected/${fixture} (exit 1)`, async (t) => {
    const { code, stdout, stderr } = await validate(format);

    t.is(code, 1, stderr);
    await matchesFixture(t, stdout, `conventions/expected/${fixture}`);
  });
}

test("the JSON report gives each violation its rule, field and line; a file that is not JSON, the syntax error's line", async (t) => {
  const document = JSON.parse((await validate('json')).stdout) as ValidateDocument;

  const findings = document.schemas.flatMap(({ file, findings: found }) =>
    found.map(({ rule, field, line }) => ({ file: path.basename(file), rule, field, line })),
  );
  t.false(document.ok);
  t.deepEqual(findings, [
    { file: 'Broken.avsc', rule: 'parse', field: null, line: 4 },
    { file: 'LoanDecisionMade.avsc', rule: 'enum-default', field: 'decision', line: 33 },
    { file: 'LoanDecisionMade.avsc', rule: 'doc', field: 'cibilScore', line: 43 },
    { file: 'LoanDecisionMade.avsc', rule: 'money-decimal', field: 'feeInr', line: 47 },
  ]);
});
