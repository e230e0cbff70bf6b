// What scripts and people get from the real `prequal` bin: one-line JSON, the version, the usage.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import test from 'ava';
import { ID, PACKAGE_DIR, prequal, startFakeApi } from './helpers/fake-api.ts';

test('status --json and get --json print one line of JSON each, for scripts', async (t) => {
  const api = await startFakeApi({ statuses: ['MANUAL_REVIEW'] });
  t.teardown(api.close);
  const status = await prequal(['status', ID, '--json', '--url', api.url]);
  const get = await prequal(['get', ID, '--json', '--url', api.url]);
  t.is(status.stdout, `{"application_id":"${ID}","status":"MANUAL_REVIEW"}\n`);
  t.is(get.code, 0, get.stderr);
  t.is(get.stdout.trim().split('\n').length, 1);
  t.like(JSON.parse(get.stdout), { application_id: ID, cibil_score: 610 });
});

test("--version prints the version of package.json; --help and a command's -h print the usage to stdout", async (t) => {
  const { version } = JSON.parse(readFileSync(path.join(PACKAGE_DIR, 'package.json'), 'utf8')) as {
    version: string;
  };
  const runs = await Promise.all(
    [['--version'], ['--help'], ['submit', '-h'], ['get', '--help']].map((a) => prequal(a)),
  );
  t.deepEqual(
    runs.map(({ code, stderr }) => [code, stderr]),
    runs.map(() => [0, '']),
  );
  t.is(runs[0]?.stdout, `${version}\n`);
  for (const run of runs.slice(1)) t.regex(run.stdout, /^usage: prequal <command> \[options\]/);
});
