// `make api-fuzz` (scripts/api-fuzz.sh): prequal-api as a process on the stack, with a database and
// topics of its own and a client with every scope, tried by schemathesis against its own
// /openapi.json with every check; then everything it made is stopped and removed. The exit code is
// schemathesis's (0: no finding). Arguments after `--` go to `schemathesis run`.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import {
  createMigratedDatabase,
  createPipelineHarness,
  createTestClient,
  spawnService,
  workerEnv,
} from '@prequal/testkit';

const ROOT = path.resolve(import.meta.dirname, '../..');
const REPORTS = path.join(ROOT, '.out/api-fuzz');
const schemathesis = process.env.SCHEMATHESIS ?? path.join(ROOT, '.tools/schemathesis/bin/schemathesis');
const examples = process.env.API_FUZZ_EXAMPLES ?? '500';

/** Runs schemathesis against the API at `url` as the client of `authorization`; its exit code. */
async function fuzz(url: string, authorization: string): Promise<number> {
  await mkdir(REPORTS, { recursive: true });
  const child = spawn(
    schemathesis,
    [
      '--config-file',
      path.join(import.meta.dirname, 'schemathesis.toml'),
      'run',
      `${url}/openapi.json`,
      '--url',
      url,
      '--checks',
      'all',
      '--mode',
      'all',
      '--max-examples',
      examples,
      '--report',
      'junit',
      '--report-junit-path',
      path.join(REPORTS, 'junit.xml'),
      ...process.argv.slice(2),
    ],
    // Its example database and files land in .out/api-fuzz, not in the checkout.
    { cwd: REPORTS, stdio: 'inherit', env: { ...process.env, PREQUAL_FUZZ_AUTHORIZATION: authorization } },
  );
  const [code] = (await once(child, 'exit')) as [number | null];
  return code ?? 1;
}

/** The API on a database and topics of its own, fuzzed, then all of it stopped and removed. */
async function fuzzApiOnTheStack(): Promise<number> {
  const harness = await createPipelineHarness(1);
  const database = await createMigratedDatabase(harness.endpoints.databaseUrl);
  try {
    // The limit is out of the way: the fuzzer sends thousands of requests as one client.
    const api = await spawnService(
      'prequal-api',
      workerEnv(harness, database.url, { RATE_LIMIT_REQUESTS: '100000000' }),
    );
    try {
      const client = await createTestClient(database);
      return await fuzz(`http://127.0.0.1:${api.port}`, client.headers.authorization);
    } finally {
      await api.stop();
    }
  } finally {
    await database.drop();
    await harness.dispose();
  }
}

const started = Date.now();
const code = await fuzzApiOnTheStack();
process.stdout.write(
  `[api-fuzz] ${code === 0 ? 'no finding' : 'FINDINGS (see above)'} in ${Math.round((Date.now() - started) / 1000)} s\n`,
);
process.exit(code);
