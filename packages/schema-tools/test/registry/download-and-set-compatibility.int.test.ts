import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import test, { type ExecutionContext } from 'ava';
import { deleteSubject, stack, uniqueName, stackRegistry } from '@prequal/testkit';
import { registryAccessFromEnv } from '../../src/registry/registry-access.ts';
import { RegistryClient } from '../../src/registry/registry-client.ts';
import { SCHEMAS_DIR } from '../../src/schema-files.ts';
import { ourSchema, withField } from '../helpers/our-schemas.ts';
import { runCli } from '../helpers/run-cli.ts';

const TOPICS = ['loan_applications_submitted', 'credit_reports_generated', 'loan_decisions_made'];

interface Registered {
  readonly subjects: readonly string[];
  readonly decisionSubject: string;
  readonly registry: RegistryClient;
  /** Runs `prequal-schemas` as our services would see the registry: with their TOPIC_PREFIX. */
  readonly cli: (...args: string[]) => ReturnType<typeof runCli>;
}

/** Our three schemas registered under subjects of a fresh TOPIC_PREFIX, deleted when the test ends. */
async function registerOurSchemas(t: ExecutionContext): Promise<Registered> {
  const endpoints = await stack();
  const registryUrl = endpoints.schemaRegistryUrl;
  const prefix = `${uniqueName('schema_dl')}_`;
  const subjects = TOPICS.map((topic) => `${prefix}${topic}-value`);
  t.teardown(() => Promise.all(subjects.map((subject) => deleteSubject(stackRegistry(endpoints), subject))));
  const cli = (...args: string[]) =>
    runCli(args, { env: { TOPIC_PREFIX: prefix, SCHEMA_REGISTRY_URL: registryUrl } });
  const registered = await cli('register');
  t.is(registered.code, 0, registered.stdout + registered.stderr);
  return {
    subjects,
    decisionSubject: `${prefix}loan_decisions_made-value`,
    registry: new RegistryClient(registryUrl, registryAccessFromEnv()),
    cli,
  };
}

async function tempDir(t: ExecutionContext): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'registry-schemas-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

test('download writes the latest version of each of our subjects, laid out exactly as schemas/', async (t) => {
  const { subjects, cli } = await registerOurSchemas(t);
  const out = path.join(await tempDir(t), 'prod');

  const { code, stdout, stderr } = await cli('download', '--out', out);

  t.is(code, 0, stdout + stderr);
  const ours = (await readdir(SCHEMAS_DIR)).filter((file) => file.endsWith('.avsc')).sort();
  t.deepEqual((await readdir(out)).sort(), ours);
  for (const file of ours) {
    t.is(
      await readFile(path.join(out, file), 'utf8'),
      await readFile(path.join(SCHEMAS_DIR, file), 'utf8'),
      file,
    );
  }
  for (const subject of subjects) t.regex(stdout, new RegExp(`^${subject} version 1 \\(id \\d+\\) → `, 'm'));
});

test('download --subject --version writes that version; a subject the registry lacks exits 1', async (t) => {
  const { decisionSubject, registry, cli } = await registerOurSchemas(t);
  const note = { name: 'note', type: ['null', 'string'], default: null, doc: 'Reviewer note.' };
  await registry.register(decisionSubject, JSON.stringify(withField(ourSchema('LoanDecisionMade'), note)));
  const out = await tempDir(t);

  const first = await cli('download', '--subject', decisionSubject, '--version', '1', '--out', out);
  const firstText = await readFile(path.join(out, 'LoanDecisionMade.avsc'), 'utf8');
  const latest = await cli('download', '--subject', decisionSubject, '--out', out);
  const latestText = await readFile(path.join(out, 'LoanDecisionMade.avsc'), 'utf8');
  const missing = await cli('download', '--subject', `${decisionSubject}-missing`, '--out', out);

  t.is(first.code, 0, first.stderr);
  t.is(firstText, await readFile(path.join(SCHEMAS_DIR, 'LoanDecisionMade.avsc'), 'utf8'));
  t.is(latest.code, 0, latest.stderr);
  t.regex(latest.stdout, new RegExp(`^${decisionSubject} version 2 `, 'm'));
  t.deepEqual((JSON.parse(latestText) as { fields: { name: string }[] }).fields.at(-1)?.name, 'note');
  t.is(missing.code, 1);
  t.regex(missing.stdout, /-missing: not in the registry/);
});

test('set-compatibility sets the level of each of our subjects, saying what it was', async (t) => {
  const { subjects, registry, cli } = await registerOurSchemas(t);

  const { code, stdout, stderr } = await cli('set-compatibility', '--level', 'BACKWARD');

  t.is(code, 0, stderr);
  for (const subject of subjects) {
    t.is(await registry.compatibilityLevel(subject), 'BACKWARD');
    t.true(stdout.includes(`${subject}: BACKWARD (was FULL_TRANSITIVE)`), stdout);
  }
});

test('set-compatibility --subject changes that subject only; a level that does not exist is a usage error', async (t) => {
  const { subjects, decisionSubject, registry, cli } = await registerOurSchemas(t);

  const one = await cli('set-compatibility', '--subject', decisionSubject, '--level', 'NONE');
  const wrong = await cli('set-compatibility', '--level', 'SOMETIMES');

  t.is(one.code, 0, one.stderr);
  t.is(await registry.compatibilityLevel(decisionSubject), 'NONE');
  for (const subject of subjects.filter((name) => name !== decisionSubject)) {
    t.is(await registry.compatibilityLevel(subject), 'FULL_TRANSITIVE');
  }
  t.is(wrong.code, 2);
  t.regex(wrong.stderr, /argument 'SOMETIMES' is invalid\. Allowed choices are NONE, BACKWARD/);
});
