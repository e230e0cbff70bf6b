import type { Database } from '@prequal/db';
import type { ServiceHost } from '@prequal/service-kit';
import { createMigratedDatabase, createPipelineHarness, testHost, workerEnv } from '@prequal/testkit';
import type { MigratedDatabase, PipelineHarness } from '@prequal/testkit';
import { loadPrequalApiConfig } from '../src/config.ts';
import { startPrequalApi } from '../src/service.ts';

export interface ApiUnderTest {
  readonly harness: PipelineHarness;
  readonly database: MigratedDatabase;
  readonly host: ServiceHost;
  /** The API's own database pool. */
  readonly apiDatabase: Database;
  /** The public API. */
  readonly url: string;
  /** /health, /ready and /metrics. */
  readonly opsUrl: string;
  readonly logLines: () => Record<string, unknown>[];
  close(): Promise<void>;
}

/** prequal-api in this process, as its main composes it, on its own database and topics and ephemeral ports. */
export async function startApiUnderTest(env: NodeJS.ProcessEnv = {}): Promise<ApiUnderTest> {
  const harness = await createPipelineHarness();
  const database = await createMigratedDatabase(harness.endpoints.databaseUrl);
  const { host, logLines } = testHost('prequal-api');
  const config = loadPrequalApiConfig({ ...workerEnv(harness, database.url), ...env });
  const { port, opsPort, database: apiDatabase } = await startPrequalApi(config, host);
  host.markRunning();
  return {
    harness,
    database,
    host,
    apiDatabase,
    url: `http://127.0.0.1:${port}`,
    opsUrl: `http://127.0.0.1:${opsPort}`,
    logLines,
    close: async () => {
      await host.stop();
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
