import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import test from 'ava';
import { ourSchema, text, withDecisionEnum } from '../helpers/our-schemas.ts';
import { runCli } from '../helpers/run-cli.ts';

test('validate: the repository schemas pass (exit 0)', async (t) => {
  const { code, stdout } = await runCli(['validate']);

  t.is(code, 0, stdout);
  t.regex(stdout, /3 schema\(s\) valid/);
});

test('validate: a violation fails (exit 1) with a line naming the file and the field', async (t) => {
  const dir = await mkdtemp(path.join(tmpdir(), 'schemas-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  await writeFile(
    path.join(dir, 'LoanDecisionMade.avsc'),
    text(withDecisionEnum(['PRE_APPROVED', 'REJECTED'])),
  );
  await writeFile(path.join(dir, 'CreditReportGenerated.avsc'), text(ourSchema('CreditReportGenerated')));

  const { code, stdout } = await runCli(['validate', '--schemas-dir', dir]);

  t.is(code, 1);
  t.regex(stdout, /^LoanDecisionMade\.avsc: field decision: enum LoanDecision has no default symbol$/m);
  t.notRegex(stdout, /CreditReportGenerated\.avsc:/);
});
