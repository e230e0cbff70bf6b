import {
  createMigratedDatabase,
  createPipelineHarness,
  createTestClient,
  spawnService,
  workerEnv,
  type MigratedDatabase,
  type PipelineHarness,
  type ServiceProcess,
} from '@prequal/testkit';
import { checkedFetch } from '../../services/prequal-api/test/contract-check.ts';

/** The public API and the credentials of a client of it. */
export interface Api {
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
}

export interface SystemUnderTest {
  readonly harness: PipelineHarness;
  readonly database: MigratedDatabase;
  /** prequal-api, as a client with every scope. */
  readonly api: Api;
  readonly services: Record<'prequal-api' | 'credit-service' | 'decision-service', ServiceProcess>;
  stop(): Promise<void>;
}

/**
 * The three services as real processes, as `make run-native` starts them, on the real stack:
 * topics of their own (a fresh prefix), a database of their own, ephemeral ports.
 */
export async function startSystem(): Promise<SystemUnderTest> {
  const harness = await createPipelineHarness(6);
  const database = await createMigratedDatabase(harness.endpoints.databaseUrl);
  const env: NodeJS.ProcessEnv = {
    ...workerEnv(harness, database.url),
    LOG_LEVEL: 'info',
    HOST: '127.0.0.1',
  };
  // decision-service needs no personal data in clear, so it gets no keys.
  const { PII_KEYRING: _keyring, PII_BLIND_INDEX_KEY: _blindIndexKey, ...withoutKeys } = env;
  const [api, credit, decision] = await Promise.all([
    spawnService('prequal-api', env),
    spawnService('credit-service', { ...env, CONSUMER_GROUP: `${harness.prefix}credit` }),
    spawnService('decision-service', { ...withoutKeys, CONSUMER_GROUP: `${harness.prefix}decision` }),
  ]);
  const client = await createTestClient(database);
  return {
    harness,
    database,
    api: { url: `http://127.0.0.1:${api.port}`, headers: client.headers },
    services: { 'prequal-api': api, 'credit-service': credit, 'decision-service': decision },
    stop: async () => {
      await Promise.all([api.stop(), credit.stop(), decision.stop()]);
      await database.drop();
      await harness.dispose();
    },
  };
}

export const FINAL_STATUSES = new Set(['PRE_APPROVED', 'REJECTED', 'MANUAL_REVIEW']);

/** GET on the API as its client; the answer is checked against the OpenAPI document. */
export function get(api: Api, path: string): Promise<Response> {
  return checkedFetch(`${api.url}${path}`, { headers: api.headers });
}

/** Submits an application over HTTP (the answer checked against the document); returns its id. */
export async function submit(api: Api, body: object, headers: Record<string, string> = {}): Promise<string> {
  const response = await checkedFetch(`${api.url}/applications`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...api.headers, ...headers },
    body: JSON.stringify(body),
  });
  if (response.status !== 202)
    throw new Error(`POST /applications answered ${response.status}: ${await response.text()}`);
  const accepted = (await response.json()) as { application_id: string; status: string };
  if (accepted.status !== 'PENDING') throw new Error(`a new application is ${accepted.status}, not PENDING`);
  return accepted.application_id;
}

/** Polls GET /applications/{id} until its status is final. */
export async function finalState(
  api: Api,
  id: string,
  timeoutMs = 30_000,
): Promise<{ status: string; cibil_score: number | null }> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const response = await get(api, `/applications/${id}`);
    const body = (await response.json()) as { status: string; cibil_score: number | null };
    if (FINAL_STATUSES.has(body.status)) return body;
    if (Date.now() > deadline)
      throw new Error(`application ${id} still ${body.status} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
