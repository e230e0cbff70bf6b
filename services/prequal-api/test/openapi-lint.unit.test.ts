import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import test from 'ava';
import { openApiDocument } from '../src/http/openapi.ts';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const REDOCLY = path.join(ROOT, 'node_modules/.bin/redocly');
const CONFIG = path.join(ROOT, 'services/prequal-api/redocly.yaml');

/** `make openapi-lint` on a document: its exit code and the rules that failed. */
async function lint(document: unknown) {
  const dir = await mkdtemp(path.join(tmpdir(), 'openapi-lint-'));
  try {
    const file = path.join(dir, 'openapi.json');
    await writeFile(file, JSON.stringify(document));
    const { code, output } = await promisify(execFile)(
      REDOCLY,
      ['lint', '--config', CONFIG, '--format', 'summary', file],
      // Plain text whatever runs the test (lerna's Nx sets FORCE_COLOR), so the rule names can be read.
      {
        env: {
          ...process.env,
          REDOCLY_TELEMETRY: 'off',
          REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true',
          FORCE_COLOR: '0',
          NO_COLOR: '1',
        },
      },
    ).then(
      ({ stdout, stderr }) => ({ code: 0, output: `${stdout}${stderr}` }),
      (error: unknown) => {
        const failed = error as { stdout: string; stderr: string };
        return { code: 1, output: `${failed.stdout}${failed.stderr}` };
      },
    );
    return { code, rules: [...output.matchAll(/^error\s+(\S+):/gm)].map((match) => match[1]).sort() };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

interface Answer {
  headers: Record<string, unknown>;
  content: Record<string, unknown>;
}
interface Mutable {
  paths: Record<string, Record<string, { operationId: string; responses: Record<string, Answer> }>>;
  components: { schemas: Record<string, { properties: Record<string, unknown> }> };
}

test('the document the API serves passes Redocly with our rules', async (t) => {
  const result = await lint(openApiDocument({ serverUrl: 'http://localhost:3000' }));
  t.deepEqual(result, { code: 0, rules: [] });
});

test('our rules refuse what they are there for', async (t) => {
  const document = structuredClone(
    openApiDocument({ serverUrl: 'http://localhost:3000' }),
  ) as unknown as Mutable;
  const read = document.paths['/applications/{application_id}']?.get;
  const [found, ok, view] = [
    read?.responses['404'],
    read?.responses['200'],
    document.components.schemas.StatusView,
  ];
  if (!read || !found || !ok || !view) return t.fail('the document lacks the parts this test breaks');
  read.operationId = 'get_application';
  found.content = { 'application/json': found.content['application/problem+json'] };
  delete ok.headers['X-Request-Id'];
  view.properties.applicationId = { type: 'string' };

  const result = await lint(document);

  t.is(result.code, 1);
  t.deepEqual(result.rules, [
    'operation-4xx-problem-details-rfc7807',
    'rule/every-answer-carries-the-trace-ids-and-no-store',
    'rule/fields-are-snake-case',
    'rule/operation-ids-are-camel-case',
    'rule/problems-are-problem-json',
  ]);
});
