import test, { type ExecutionContext } from 'ava';
import { stack, uniqueName } from '@prequal/testkit';
import { runCheck } from '../../src/cli/check-command.ts';
import { runDiff } from '../../src/cli/diff-command.ts';
import { runRegister } from '../../src/cli/register-command.ts';
import { registryAccessFromEnv } from '../../src/registry/registry-access.ts';
import { RegistryClient } from '../../src/registry/registry-client.ts';
import type { Subjects } from '../../src/subjects.ts';
import {
  editField,
  ourSchema,
  withDecisionEnum,
  withField,
  withoutField,
  type RecordJson,
} from '../helpers/our-schemas.ts';
import { createSchemaRepo, type SchemaRepo } from '../helpers/schema-repo.ts';

const FILE = 'LoanDecisionMade.avsc';

interface Fixture {
  readonly repo: SchemaRepo;
  readonly subject: string;
  readonly registry: RegistryClient;
  readonly options: { registryUrl: string; schemasDir: string; subjects: Subjects };
}

/** A git repo whose LoanDecisionMade.avsc is `first`, bound to a fresh subject of the real registry. */
async function fixture(t: ExecutionContext, first: RecordJson): Promise<Fixture> {
  const registryUrl = (await stack()).schemaRegistryUrl;
  const subject = `${uniqueName('schema_tools')}-value`;
  const repo = await createSchemaRepo(t, { [FILE]: first });
  const subjects: Subjects = { subjectOf: () => subject, levelOf: () => 'FULL_TRANSITIVE' };
  return {
    repo,
    subject,
    registry: new RegistryClient(registryUrl, registryAccessFromEnv()),
    options: { registryUrl, schemasDir: repo.schemasDir, subjects },
  };
}

test('check says a subject that does not exist yet is new, with nothing to check', async (t) => {
  const { subject, options } = await fixture(t, ourSchema('LoanDecisionMade'));

  const { exitCode, output } = await runCheck(options);

  t.is(exitCode, 0);
  t.true(output.includes(`${subject} (${FILE}): new subject, nothing to check`), output);
});

test('register sets FULL_TRANSITIVE and is idempotent: the second run registers nothing new', async (t) => {
  const { subject, registry, options } = await fixture(t, ourSchema('LoanDecisionMade'));

  const first = await runRegister(options);
  const second = await runRegister(options);

  t.is(first.exitCode, 0, first.output);
  t.is(second.exitCode, 0, second.output);
  const registered = await registry.latest(subject);
  t.truthy(registered);
  t.true(
    first.output.includes(
      `${subject} (${FILE}): FULL_TRANSITIVE, version 1, id ${registered?.id} (registered)`,
    ),
    first.output,
  );
  t.true(
    second.output.includes(
      `${subject} (${FILE}): FULL_TRANSITIVE, version 1, id ${registered?.id} (already registered)`,
    ),
    second.output,
  );
  t.deepEqual(await registry.versions(subject), [1]);
  t.is(await registry.compatibilityLevel(subject), 'FULL_TRANSITIVE');
  const check = await runCheck(options);
  t.true(
    check.output.includes(`${subject} (${FILE}): already registered as version 1 (id ${registered?.id})`),
    check.output,
  );
});

test('a compatible evolution (new field with a default) passes diff and check and registers as version 2', async (t) => {
  const { repo, subject, registry, options } = await fixture(t, ourSchema('LoanDecisionMade'));
  await runRegister(options);
  await repo.write(
    FILE,
    withField(ourSchema('LoanDecisionMade'), {
      name: 'note',
      type: ['null', 'string'],
      default: null,
      doc: 'Reviewer note.',
    }),
  );

  const diff = await runDiff({ base: 'HEAD', ...options });
  const check = await runCheck(options);
  const register = await runRegister(options);

  t.is(diff.exitCode, 0, diff.output);
  t.regex(diff.output, /\+ field note: union \[null, string\], default null/);
  t.is(check.exitCode, 0, check.output);
  t.true(
    check.output.includes(`${subject} (${FILE}): compatible with version 1 under FULL_TRANSITIVE`),
    check.output,
  );
  t.is(register.exitCode, 0, register.output);
  t.regex(register.output, /version 2, id \d+ \(registered\)/);
  t.deepEqual(await registry.versions(subject), [1, 2]);
});

const incompatible: { change: string; first: RecordJson; next: RecordJson; reason: string }[] = [
  {
    change: 'a field removed without a default',
    first: ourSchema('LoanDecisionMade'),
    next: withoutField(ourSchema('LoanDecisionMade'), 'cibilScore'),
    reason: 'field cibilScore removed without a default: an old reader has no value for it',
  },
  {
    change: 'a field type changed',
    first: ourSchema('LoanDecisionMade'),
    next: editField(ourSchema('LoanDecisionMade'), 'cibilScore', (f) => ({ ...f, type: 'string' })),
    reason: 'field cibilScore: reader type int cannot read writer type string',
  },
  {
    change: 'an enum symbol added without an enum default',
    first: withDecisionEnum(['PRE_APPROVED', 'REJECTED', 'MANUAL_REVIEW']),
    next: withDecisionEnum(['PRE_APPROVED', 'REJECTED', 'MANUAL_REVIEW', 'DEFERRED']),
    reason:
      'field decision: enum LoanDecision: writer symbol DEFERRED unknown to reader and the reader enum has no default',
  },
];

for (const { change, first, next, reason } of incompatible) {
  test(`${change} fails diff, check and register, with reasons naming the field`, async (t) => {
    const { repo, subject, registry, options } = await fixture(t, first);
    await runRegister(options);
    await repo.write(FILE, next);

    const diff = await runDiff({ base: 'HEAD', ...options });
    const check = await runCheck(options);
    const register = await runRegister(options);

    t.is(diff.exitCode, 1, diff.output);
    t.true(diff.output.includes(reason), diff.output);
    t.is(check.exitCode, 1, check.output);
    t.true(check.output.includes(`${subject} (${FILE}): incompatible under FULL_TRANSITIVE`), check.output);
    t.true(check.output.includes(reason), check.output);
    t.is(register.exitCode, 1, register.output);
    t.true(register.output.includes(`${subject} (${FILE}): refused under FULL_TRANSITIVE`), register.output);
    t.deepEqual(await registry.versions(subject), [1], 'nothing new registered');
  });
}

test('check explains with our checker against every earlier version when the level is transitive', async (t) => {
  const v1 = ourSchema('LoanDecisionMade');
  const { repo, options } = await fixture(t, v1);
  await runRegister(options);
  const v2 = withField(v1, { name: 'note', type: 'string', default: '', doc: 'Note.' });
  await repo.write(FILE, v2);
  await runRegister(options);
  await repo.write(FILE, withoutField(v2, 'reason'));

  const check = await runCheck(options);

  t.is(check.exitCode, 1);
  t.true(
    check.output.includes('against version 1, FORWARD: field reason removed without a default'),
    check.output,
  );
  t.true(
    check.output.includes('against version 2, FORWARD: field reason removed without a default'),
    check.output,
  );
});

test('check against a registry that does not answer is an environment error, not a verdict', async (t) => {
  const { options } = await fixture(t, ourSchema('LoanDecisionMade'));

  await t.throwsAsync(runCheck({ ...options, registryUrl: 'http://127.0.0.1:9/apis/ccompat/v7' }), {
    message: /the schema registry at http:\/\/127\.0\.0\.1:9\/apis\/ccompat\/v7 does not answer/,
  });
});

test('a URL where no registry answers the Confluent API is an environment error, not "new subjects"', async (t) => {
  const { options } = await fixture(t, ourSchema('LoanDecisionMade'));
  const wrongPath = new URL('/not-the-api', options.registryUrl).href;

  await t.throwsAsync(runRegister({ ...options, registryUrl: wrongPath }), {
    message: /no Confluent-compatible schema registry at .*\/not-the-api \(GET \/config: HTTP 404\)/,
  });
});
