import test from 'ava';
import { editField, ourSchema, withDecisionEnum, withField, withoutField } from '../helpers/our-schemas.ts';
import { runCli } from '../helpers/run-cli.ts';
import { createSchemaRepo } from '../helpers/schema-repo.ts';

const ours = () => ({
  'CreditReportGenerated.avsc': ourSchema('CreditReportGenerated'),
  'LoanApplicationSubmitted.avsc': ourSchema('LoanApplicationSubmitted'),
  'LoanDecisionMade.avsc': ourSchema('LoanDecisionMade'),
});

const riskBand = {
  name: 'riskBand',
  type: ['null', 'string'],
  default: null,
  doc: 'Coarse risk band, when known.',
};

test('diff: a new field with a default in the working tree is compatible (exit 0)', async (t) => {
  const repo = await createSchemaRepo(t, ours());
  await repo.write('CreditReportGenerated.avsc', withField(ourSchema('CreditReportGenerated'), riskBand));

  const { code, stdout } = await runCli(['diff', '--base', 'HEAD', '--schemas-dir', repo.schemasDir]);

  t.is(code, 0, stdout);
  t.regex(
    stdout,
    /credit_reports_generated-value \(CreditReportGenerated\.avsc\): changed, compatible under FULL_TRANSITIVE/,
  );
  t.regex(stdout, /\+ field riskBand: union \[null, string\], default null/);
  t.regex(stdout, /FULL: compatible/);
  t.regex(stdout, /loan_decisions_made-value \(LoanDecisionMade\.avsc\): unchanged/);
});

test('diff: a committed field removal without a default breaks FULL (exit 1), naming the field', async (t) => {
  const repo = await createSchemaRepo(t, ours());
  await repo.write('LoanDecisionMade.avsc', withoutField(ourSchema('LoanDecisionMade'), 'cibilScore'));
  await repo.commit('drop the score');

  const { code, stdout } = await runCli(['diff', '--base', 'HEAD~1', '--schemas-dir', repo.schemasDir]);

  t.is(code, 1, stdout);
  t.regex(stdout, /loan_decisions_made-value \(LoanDecisionMade\.avsc\): changed, breaks FULL_TRANSITIVE/);
  t.regex(
    stdout,
    /FORWARD \(old reader, new data\): incompatible\n {4}field cibilScore removed without a default: an old reader has no value for it/,
  );
  t.regex(stdout, /1 schema breaks its subject's compatibility level/);
});

test('diff: a type change breaks FULL (exit 1), naming the field and both types', async (t) => {
  const repo = await createSchemaRepo(t, ours());
  const next = editField(ourSchema('LoanDecisionMade'), 'cibilScore', (f) => ({ ...f, type: 'string' }));
  await repo.write('LoanDecisionMade.avsc', next);

  const { code, stdout } = await runCli(['diff', '--base', 'HEAD', '--schemas-dir', repo.schemasDir]);

  t.is(code, 1, stdout);
  t.regex(stdout, /~ field cibilScore type: int → string/);
  t.regex(
    stdout,
    /BACKWARD \(new reader, old data\): incompatible\n {4}field cibilScore: reader type string cannot read writer type int/,
  );
  t.regex(
    stdout,
    /FORWARD \(old reader, new data\): incompatible\n {4}field cibilScore: reader type int cannot read writer type string/,
  );
});

test('diff: an enum symbol added without an enum default breaks FULL (exit 1), naming field and symbol', async (t) => {
  const repo = await createSchemaRepo(t, {
    'LoanDecisionMade.avsc': withDecisionEnum(['PRE_APPROVED', 'REJECTED']),
  });
  await repo.write('LoanDecisionMade.avsc', withDecisionEnum(['PRE_APPROVED', 'REJECTED', 'DEFERRED']));

  const { code, stdout } = await runCli(['diff', '--base', 'HEAD', '--schemas-dir', repo.schemasDir]);

  t.is(code, 1, stdout);
  t.regex(
    stdout,
    /field decision: enum LoanDecision: writer symbol DEFERRED unknown to reader and the reader enum has no default/,
  );
});

test('diff --format markdown: a table of changes and a verdict per level for each subject', async (t) => {
  const repo = await createSchemaRepo(t, ours());
  await repo.write('LoanDecisionMade.avsc', withoutField(ourSchema('LoanDecisionMade'), 'cibilScore'));
  await repo.write('CreditReportGenerated.avsc', withField(ourSchema('CreditReportGenerated'), riskBand));

  const { code, stdout } = await runCli([
    'diff',
    '--base',
    'HEAD',
    '--format',
    'markdown',
    '--schemas-dir',
    repo.schemasDir,
  ]);

  t.is(code, 1);
  t.true(stdout.startsWith('## Schema compatibility against `HEAD`'), stdout);
  t.regex(
    stdout,
    /### ❌ `loan_decisions_made-value \(LoanDecisionMade\.avsc\)`: changed, breaks FULL_TRANSITIVE/,
  );
  t.regex(stdout, /\| removed \| field cibilScore \| int, no default \| {2}\|/);
  t.regex(
    stdout,
    /\| FORWARD \(old reader, new data\) \| ❌ incompatible \| field cibilScore removed without a default: an old reader has no value for it \|/,
  );
  t.regex(
    stdout,
    /### ✅ `credit_reports_generated-value \(CreditReportGenerated\.avsc\)`: changed, compatible under FULL_TRANSITIVE/,
  );
  t.regex(stdout, /\| added \| field riskBand \| {2}\| union \[null, string\], default null \|/);
  t.regex(stdout, /\| FULL \| ✅ compatible \| {2}\|/);
});

test('diff: a schema new since the base is "added", one deleted is "removed"; neither breaks (exit 0)', async (t) => {
  const repo = await createSchemaRepo(t, { 'LoanDecisionMade.avsc': ourSchema('LoanDecisionMade') });
  await repo.remove('LoanDecisionMade.avsc');
  await repo.write('CreditReportGenerated.avsc', ourSchema('CreditReportGenerated'));

  const { code, stdout } = await runCli(['diff', '--base', 'HEAD', '--schemas-dir', repo.schemasDir]);

  t.is(code, 0, stdout);
  t.regex(stdout, /credit_reports_generated-value \(CreditReportGenerated\.avsc\): added/);
  t.regex(stdout, /loan_decisions_made-value \(LoanDecisionMade\.avsc\): removed/);
});

test('diff: an unknown ref is a usage error (exit 2) that names the ref', async (t) => {
  const repo = await createSchemaRepo(t, ours());

  const { code, stderr } = await runCli([
    'diff',
    '--base',
    'no-such-branch',
    '--schemas-dir',
    repo.schemasDir,
  ]);

  t.is(code, 2);
  t.regex(stderr, /no-such-branch is not a commit/);
});

test('diff without --base is a usage error (exit 2)', async (t) => {
  const { code, stderr } = await runCli(['diff']);

  t.is(code, 2);
  t.regex(stderr, /diff needs --base/);
});
