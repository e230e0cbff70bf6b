import { readFile } from 'node:fs/promises';
import path from 'node:path';
import test, { type ExecutionContext } from 'ava';
import { deleteSubject, stack, uniqueName, stackRegistry } from '@prequal/testkit';
import { runCheck } from '../../src/cli/check-command.ts';
import { runRegister } from '../../src/cli/register-command.ts';
import type { CheckDocument } from '../../src/report/check-document.ts';
import type { Subjects } from '../../src/subjects.ts';
import { FIXTURES, matchesFixture } from '../helpers/fixtures.ts';
import { createSchemaRepo } from '../helpers/schema-repo.ts';

const CASE = path.join(FIXTURES, 'breaking-change');
const FILE = 'LoanDecisionMade.avsc';

/**
 * LoanDecisionMade of fixtures/breaking-change/before registered as version 1 of a fresh subject,
 * the working tree holding after/ (reason removed, cibilScore widened to long): what `check`
 * prints in each format, the subject and the registry's URL written as <subject> and <registry>.
 */
async function checkTheChange(t: ExecutionContext, format: 'text' | 'markdown' | 'json' | 'github-actions') {
  const endpoints = await stack();
  const registryUrl = endpoints.schemaRegistryUrl;
  const subject = `${uniqueName('check_formats')}-value`;
  t.teardown(() => deleteSubject(stackRegistry(endpoints), subject));
  const repo = await createSchemaRepo(t, {});
  const subjects: Subjects = { subjectOf: () => subject, levelOf: () => 'FULL_TRANSITIVE' };
  const options = { registryUrl, schemasDir: repo.schemasDir, subjects };
  await repo.writeText(FILE, await readFile(path.join(CASE, 'before', FILE), 'utf8'));
  t.is((await runRegister(options)).exitCode, 0);
  await repo.writeText(FILE, await readFile(path.join(CASE, 'after', FILE), 'utf8'));

  const { exitCode, output } = await runCheck({ ...options, format });

  return { exitCode, output: output.replaceAll(subject, '<subject>').replaceAll(registryUrl, '<registry>') };
}

const outputs = [
  ['text', 'check.txt'],
  ['markdown', 'check.md'],
  ['json', 'check.json'],
  ['github-actions', 'check.github-actions.txt'],
] as const;

for (const [format, fixture] of outputs) {
  test(`check --format ${format} of the breaking change prints fixtures/breaking-change/expected/${fixture} (exit 1)`, async (t) => {
    const { exitCode, output } = await checkTheChange(t, format);

    t.is(exitCode, 1, output);
    await matchesFixture(t, output, `breaking-change/expected/${fixture}`);
  });
}

test("check's JSON places each of our checker's reasons on its field's line, against the version compared", async (t) => {
  const { output } = await checkTheChange(t, 'json');

  const document = JSON.parse(output) as CheckDocument;
  t.like(document, { formatVersion: 1, command: 'check', ok: false, summary: { refused: 1 } });
  t.like(document.schemas[0], { status: 'incompatible', level: 'FULL_TRANSITIVE', comparedVersions: [1] });
  t.deepEqual(
    document.schemas[0]?.findings.map(({ rule, field, line, direction, againstVersion }) => ({
      rule,
      field,
      line,
      direction,
      againstVersion,
    })),
    [
      { rule: 'type-mismatch', field: 'cibilScore', line: 44, direction: 'forward', againstVersion: 1 },
      { rule: 'missing-default', field: 'reason', line: 54, direction: 'forward', againstVersion: 1 },
    ],
  );
});
