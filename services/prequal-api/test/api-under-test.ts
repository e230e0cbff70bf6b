import type { Database } from '@prequal/db';
import type { ServiceHost } from '@prequal/service-kit';
import {
  createMigratedDatabase,
  createPipelineHarness,
  createTestClient,
  testHost,
  workerEnv,
} from '@prequal/testkit';
import type { MigratedDatabase, PipelineHarness } from '@prequal/testkit';
import { loadPrequalApiConfig } from '../src/config.ts';
import { startPrequalApi } from '../src/service.ts';
import { checkedFetch } from './contract-check.ts';

/** An API client of the test: its id, its key and the headers that carry it. */
export interface TestClient {
  readonly id: string;
  readonly keyId: string;
  readonly key: string;
  readonly headers: { authorization: string };
}

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
  /** A client with every scope, whose key `request` sends. */
  readonly client: TestClient;
  /**
   * A request to the public API as `client` (unless the init sets its own Authorization); its answer
   * is checked against the OpenAPI document.
   */
  request(path: string, init?: RequestInit): Promise<Response>;
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
  const client = await createTestClient(apiDatabase);
  const url = `http://127.0.0.1:${port}`;
  return {
    harness,
    database,
    host,
    apiDatabase,
    url,
    opsUrl: `http://127.0.0.1:${opsPort}`,
    client,
    request: apiAt(url, client).request,
    logLines,
    close: async () => {
      await host.stop();
      await database.drop();
      await harness.dispose();
    },
  };
}

/**
 * Requests to an API at `url` as `client` (for an API running in another process), every answer
 * checked against the OpenAPI document (contract-check.ts): a disagreement fails the test.
 */
export function apiAt(url: string, client: Pick<TestClient, 'headers'>): Pick<ApiUnderTest, 'request'> {
  return {
    request: (path, init = {}) =>
      checkedFetch(`${url}${path}`, {
        ...init,
        headers: { ...client.headers, ...(init.headers as Record<string, string>) },
      }),
  };
}

/** POSTs a JSON body (a string is sent as it is) as the API's test client. */
export function postApplication(
  api: Pick<ApiUnderTest, 'request'>,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<Response> {
  return api.request('/applications', {
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
