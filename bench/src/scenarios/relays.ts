import { setTimeout as sleep } from 'node:timers/promises';
import { applicationBodies } from '../load/application-bodies.ts';
import { describeRun, postApplications } from '../load/http-load.ts';
import { connectionsForRate } from '../profile.ts';
import { formatMs, say } from '../progress.ts';
import type { RelaysResult, RelayVariant } from '../results.ts';
import { summarize } from '../stats/percentiles.ts';
import { createIsolatedSystem, type IsolatedSystem, type ServiceProcess } from '../system/isolated-system.ts';
import { applicationTimesBetween, unpublishedCount } from '../system/pipeline-state.ts';
import { followPublished, type PublishedTimes } from '../system/published-times.ts';
import { warmUp } from '../system/warm-up.ts';
import { pollUntil } from '../wait.ts';
import type { ScenarioContext } from './context.ts';

/** A few submissions to a new instance: its first ones resolve schemas and open connections. */
async function runVariant(
  system: IsolatedSystem,
  published: PublishedTimes,
  context: ScenarioContext,
  name: string,
  [first, ...others]: readonly [ServiceProcess, ...ServiceProcess[]],
): Promise<RelayVariant> {
  const { rate, seconds } = context.profile.relays;
  say(`relays · ${name}: ${rate}/s for ${seconds} s`);
  const run = await postApplications({
    baseUrl: first.url,
    alsoTo: others.map((instance) => instance.url),
    headers: system.authHeaders,
    target: 'ours',
    bodies: applicationBodies(rate + others.length),
    connections: connectionsForRate(rate),
    durationSeconds: seconds,
    rate,
  });
  await pollUntil(async () => (await unpublishedCount(system.database)) === 0, { timeoutMs: 30_000 });
  await sleep(500); // the follower's last fetch
  const applications = await applicationTimesBetween(
    system.database,
    new Date(run.startedAt),
    new Date(run.endedAt),
  );
  const latencies = applications.flatMap(({ id, createdAt }) => {
    const sentAt = published.sentAt.get(id);
    return sentAt === undefined ? [] : [sentAt - createdAt];
  });
  const { startedAt: _startedAt, endedAt: _endedAt, ...submission } = run;
  const publishMs = summarize(latencies);
  say(
    `relays · ${name}: ${describeRun(submission)}; created → published p50 ${formatMs(publishMs?.p50)} ms, ` +
      `p99 ${formatMs(publishMs?.p99)} ms (${latencies.length} of ${applications.length} seen)`,
  );
  return { name, offeredRate: rate, submission, published: latencies.length, publishMs };
}

/**
 * How soon an outbox row is published when there is more than one API instance: every commit
 * notifies every relay (decision 0010), so an instance's rows do not wait for a relay's poll. At
 * a light rate, from the application's created_at to its event's Kafka timestamp: one instance;
 * two instances with their relays, submissions alternating; and two instances with the relay of
 * the one that takes the submissions switched off, so that only the other instance's relay,
 * woken by a notification from another process, can publish them.
 */
export async function runRelaysScenario(context: ScenarioContext): Promise<RelaysResult> {
  const system = await createIsolatedSystem();
  const published = await followPublished(
    system.harness.kafka,
    system.harness.topics.loan_applications_submitted,
  );
  try {
    const first = await system.start('prequal-api');
    await warmUp(system, first, { seconds: 1, until: 'published' });
    const variants: RelayVariant[] = [];
    variants.push(await runVariant(system, published, context, 'one instance', [first]));
    const second = await system.start('prequal-api');
    await warmUp(system, second, { seconds: 1, until: 'published' });
    variants.push(
      await runVariant(system, published, context, 'two instances, submissions alternate', [first, second]),
    );
    await second.stop();
    const relayOff = await system.start('prequal-api', { RELAY_ENABLED: 'false' });
    await warmUp(system, relayOff, { seconds: 1, until: 'published' });
    variants.push(
      await runVariant(system, published, context, 'two instances, all to the one whose relay is off', [
        relayOff,
      ]),
    );
    return { variants };
  } finally {
    await published.stop();
    await system.close();
  }
}
