import { applicationBodies } from '../load/application-bodies.ts';
import { postApplications } from '../load/http-load.ts';
import { pollUntil } from '../wait.ts';
import type { IsolatedSystem, ServiceProcess } from './isolated-system.ts';
import { pendingCount, unpublishedCount } from './pipeline-state.ts';

/**
 * A few applications at 20/s through `api` before a measurement (schemas resolved, connections
 * open, code compiled), then a wait until the outbox is published or, when the workers run too,
 * until every application is decided.
 */
export async function warmUp(
  system: IsolatedSystem,
  api: ServiceProcess,
  { seconds = 2, until }: { seconds?: number; until: 'published' | 'decided' },
): Promise<void> {
  await postApplications({
    baseUrl: api.url,
    headers: system.authHeaders,
    target: 'ours',
    bodies: applicationBodies(3),
    connections: 2,
    durationSeconds: seconds,
    rate: 20,
  });
  const left = until === 'published' ? unpublishedCount : pendingCount;
  await pollUntil(async () => (await left(system.database)) === 0, { timeoutMs: 30_000 });
}
