import { readFile } from 'node:fs/promises';
import test from 'ava';
import {
  createMigratedDatabase,
  createPipelineHarness,
  createTestClient,
  spawnService,
  workerEnv,
} from '@prequal/testkit';
import { apiAt, postApplication, validApplication } from './api-under-test.ts';

test('the API process accepts an application, then drains and exits 0 on SIGTERM', async (t) => {
  const harness = await createPipelineHarness(1);
  t.teardown(() => harness.dispose());
  const database = await createMigratedDatabase(harness.endpoints.databaseUrl);
  t.teardown(() => database.drop());
  const api = await spawnService('prequal-api', { ...workerEnv(harness, database.url), HOST: '127.0.0.1' });

  const client = await createTestClient(database);
  const response = await postApplication(apiAt(`http://127.0.0.1:${api.port}`, client), validApplication);
  const code = await api.stop('SIGTERM');

  t.is(response.status, 202);
  t.is(code, 0);
  const log = await readFile(api.logFile, 'utf8');
  for (const step of [
    'http server (finish in-flight requests)',
    'outbox relay',
    'retention',
    'kafka clients',
    'database pool',
  ]) {
    t.true(log.includes(`"step":"${step}","msg":"shutdown step done"`), step);
  }
  t.false(log.includes('ABCDE1234F'), 'no PAN in the clear in the logs');
});
