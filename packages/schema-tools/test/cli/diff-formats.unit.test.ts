import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import test, { type ExecutionContext } from 'ava';
import type { DiffDocument } from '../../src/report/diff-document.ts';
import { FIXTURES, matchesFixture } from '../helpers/fixtures.ts';
import { runCli } from '../helpers/run-cli.ts';
import { createSchemaRepo, type SchemaRepo } from '../helpers/schema-repo.ts';

/**
 * fixtures/breaking-change: our three schemas (before/) and a pull request's version of them
 * (after/): LoanDecisionMade drops `reason`, widens `cibilScore` to long, adds `decidedBy` with a
 * default and a DEFERRED symbol; LoanApplicationSubmitted changes a decimal's scale;
 * CreditReportGenerated adds an optional field.
 */
const CASE = path.join(FIXTURES, 'breaking-change');

async function repoWithTheChange(t: ExecutionContext): Promise<SchemaRepo> {
  const repo = await createSchemaRepo(t, {});
  const copy = async (version: 'before' | 'after') => {
    for (const file of await readdir(path.join(CASE, version))) {
      await repo.writeText(file, await readFile(path.join(CASE, version, file), 'utf8'));
    }
  };
  await copy('before');
  await repo.commit('the schemas on main');
  await copy('after');
  return repo;
}

const diff = (repo: SchemaRepo, format: string) =>
  runCli(['diff', '--base', 'HEAD', '--format', format, '--schemas-dir', repo.schemasDir]);

const outputs: [format: string, fixture: string][] = [
  ['text', 'diff.txt'],
  ['markdown', 'diff.md'],
  ['json', 'diff.json'],
  ['github-actions', 'diff.github-actions.txt'],
];

for (const [format, fixture] of outputs) {
  test(`diff --format ${format} of the breaking change prints fixtures/breaking-change/expected/${fixture} (exit 1)`, async (t) => {
    const repo = await repoWithTheChange(t);

    const { code, stdout, stderr } = await diff(repo, format);

    t.is(code, 1, stderr);
    await matchesFixture(t, stdout, `breaking-change/expected/${fixture}`);
  });
}

test('the JSON report gives each finding its rule, field and line in the .avsc file', async (t) => {
  const repo = await repoWithTheChange(t);

  const document = JSON.parse((await diff(repo, 'json')).stdout) as DiffDocument;

  t.like(document, { formatVersion: 1, command: 'diff', base: 'HEAD', ok: false, summary: { breaking: 1 } });
  const decision = document.schemas.find((entry) => entry.subject === 'loan_decisions_made-value');
  t.like(decision, { file: 'schemas/LoanDecisionMade.avsc', level: 'FULL_TRANSITIVE', breaks: true });
  t.like(decision?.verdict, {
    backward: { compatible: true },
    forward: { required: true, compatible: false },
  });
  t.deepEqual(
    decision?.verdict?.forward.findings.map(({ rule, field, line }) => ({ rule, field, line })),
    [
      { rule: 'type-mismatch', field: 'cibilScore', line: 44 },
      { rule: 'missing-default', field: 'reason', line: 54 },
    ],
    'cibilScore is declared on line 44; reason was the last field, so it is placed at the end of the fields',
  );
});

test('the annotations put an error on the changed field and a warning on a decimal scale change', async (t) => {
  const repo = await repoWithTheChange(t);

  const lines = (await diff(repo, 'github-actions')).stdout.trim().split('\n');

  t.true(
    lines.includes(
      '::error file=schemas/LoanDecisionMade.avsc,line=44,col=7,title=loan_decisions_made-value breaks FULL_TRANSITIVE (FORWARD type-mismatch)::field cibilScore: reader type int cannot read writer type long',
    ),
    lines.join('\n'),
  );
  t.true(
    lines.some((line) =>
      line.startsWith('::warning file=schemas/LoanApplicationSubmitted.avsc,line=39,col=7,'),
    ),
    lines.join('\n'),
  );
  t.regex(
    lines.at(-1) ?? '',
    /^::notice title=Schema compatibility against HEAD::3 schemas: 3 changed; 1 schema breaks/,
  );
});

test('a compatible change annotates nothing but the summary, and exits 0', async (t) => {
  const repo = await createSchemaRepo(t, {});
  const decision = await readFile(path.join(CASE, 'before', 'LoanDecisionMade.avsc'), 'utf8');
  await repo.writeText('LoanDecisionMade.avsc', decision);
  await repo.commit('the schema on main');
  await repo.writeText('LoanDecisionMade.avsc', decision.replace('every service', 'each service'));

  const { code, stdout } = await diff(repo, 'github-actions');

  t.is(code, 0);
  t.regex(stdout, /^::notice title=Schema compatibility against HEAD::1 schema: 1 changed; no schema breaks/);
  t.is(stdout.trim().split('\n').length, 1, stdout);
});
