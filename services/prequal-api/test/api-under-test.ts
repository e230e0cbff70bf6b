import { createMigratedDatabase, createPipelineHarness, memoryLogger, workerEnv } from '@prequal/testkit';
import type { MigratedDatabase, PipelineHarness } from '@prequal/testkit';
import { loadPrequalApiConfig } from '../src/config.ts';
import { startApi, type RunningApi } from '../src/server.ts';

export interface ApiUnderTest {
  readonly harness: PipelineHarness;
  readonly database: MigratedDatabase;
  readonly api: RunningApi;
  readonly url: string;
  readonly logLines: () => Record<string, unknown>[];
  close(): Promise<void>;
}

/** prequal-api in this process, on its own database and topics, on an ephemeral port. */
export async function startApiUnderTest(env: NodeJS.ProcessEnv = {}): Promise<ApiUnderTest> {
  const harness = await createPipelineHarness();
  const database = await createMigratedDatabase(harness.endpoints.databaseUrl);
  const { logger, lines } = memoryLogger('prequal-api');
  const config = loadPrequalApiConfig({ ...workerEnv(harness, database.url), HOST: '127.0.0.1', ...env });
  const api = await startApi(config, logger);
  return {
    harness,
    database,
    api,
    url: `http://127.0.0.1:${api.port}`,
    logLines: lines,
    close: async () => {
      await api.stop();
      await database.drop();
      await harness.dispose();
    },
  };
}

/** POSTs a JSON body (a string is sent as it is). */
export function postApplication(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<Response> {
  return fetch(`${url}/applications`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

export const validApplication = {
  pan_number: 'ABCDE1234F',
  applicant_name: 'Asha Verma',
  monthly_income_inr: 100000,
  loan_amount_inr: 200000,
  loan_type: 'PERSONAL',
};
