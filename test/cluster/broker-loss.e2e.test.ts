import { setTimeout as sleep } from 'node:timers/promises';
import test from 'ava';
import { deadLetterTopicOf, topicNames } from '@prequal/events';
import {
  createDisposableKafka,
  eventually,
  leaderOf,
  nativeKafkaLibs,
  replicationOf,
} from '@prequal/testkit';
import { describeTopics, outcomeOf, settle } from './pipeline-outcome.ts';
import { watchPipeline } from './pipeline-watch.ts';
import { startScaledSystem } from './scaled-system.ts';
import { startSteadyLoad } from './steady-load.ts';

/** Applications per second, for the whole test. */
const RATE = 50;
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

// Needs the native stack's Kafka jars to run a cluster of its own whose brokers it can kill.
const withNativeKafka = nativeKafkaLibs() ? test : test.skip;

withNativeKafka(
  "on three brokers under a steady load, a partition's leader killed and then two brokers lost (below min ISR) lose nothing: every accepted application is decided once, every event is on its topic, and the outbox and the lag go back to 0",
  async (t) => {
    t.timeout(300_000);
    const cluster = await createDisposableKafka({ nodes: 3 });
    t.teardown(() => cluster.destroy());
    const one = { 'prequal-api': [{}], 'credit-service': [{}], 'decision-service': [{}] };
    const system = await startScaledSystem({ brokers: cluster.brokers, instances: one });
    t.teardown(() => system.stop());
    const admin = system.harness.kafka.admin();
    await admin.connect();
    t.teardown(() => admin.disconnect());
    const { topics } = system.harness;
    const eventTopics = topicNames.map((topic) => topics[topic]);
    const replication = await replicationOf(admin, [...eventTopics, ...eventTopics.map(deadLetterTopicOf)]);
    t.true(
      replication.every(({ replicas }) => replicas.every((count) => count === 3)),
      'every topic made by the services is kept on the three brokers',
    );
    const inSync = async () =>
      (await replicationOf(admin, eventTopics)).every(({ underReplicated }) => underReplicated === 0)
        ? true
        : undefined;

    const watch = watchPipeline(system.database);
    t.teardown(() => watch.stop());
    const load = startSteadyLoad(() => system.apis, RATE);
    t.teardown(() => load.stop());
    await sleep(8_000);

    // A partition's leader crashes and comes back.
    const leader = cluster.node(await leaderOf(admin, topics.loan_applications_submitted, 0));
    const killedAt = Date.now();
    await leader.stop('SIGKILL');
    await sleep(12_000);
    const restartedAt = Date.now();
    await leader.start();
    await eventually(inSync, { timeoutMs: 60_000, intervalMs: 500, what: 'every partition in sync again' });
    const rejoinedAt = Date.now();
    t.log(
      `leader of ${topics.loan_applications_submitted}[0] (node ${leader.id}) killed: applications waited over 3 s ` +
        `until ${seconds(watch.disturbedFor(killedAt, restartedAt))} after; back in sync ${seconds(rejoinedAt - restartedAt)} after its restart`,
    );

    // Two brokers lost: fewer in sync than min.insync.replicas (and no controller quorum).
    const [first, second] = cluster.nodes.filter((node) => node !== leader);
    if (!first || !second) return t.fail('a cluster of three has two other nodes');
    const acceptedBefore = load.acceptedSoFar();
    const lostAt = Date.now();
    await Promise.all([first.stop('SIGKILL'), second.stop('SIGKILL')]);
    await sleep(8_000);
    const acceptedWhileLost = load.acceptedSoFar() - acceptedBefore;
    const backlogWhileLost = watch.maxBacklogSince(lostAt);
    t.true(backlogWhileLost > 0, 'with two brokers lost, accepted applications wait in the outbox');
    const returnedAt = Date.now();
    await first.start();
    // Drained: the relay publishes as rows come in again (none has waited a second).
    const current = () => Promise.resolve((watch.latest()?.oldestSeconds ?? Infinity) < 1 ? true : undefined);
    await eventually(current, {
      // A node's JVM starts in ~10 s on an idle machine, several times that on a loaded CI one.
      timeoutMs: 120_000,
      intervalMs: 250,
      what: 'the outbox drained once a second broker is back',
    });
    const drainedAt = Date.now();
    t.log(
      `nodes ${first.id} and ${second.id} killed: ${acceptedWhileLost} applications accepted in the ${seconds(returnedAt - lostAt)} ` +
        `they were down, up to ${backlogWhileLost} waiting in the outbox; drained ${seconds(drainedAt - returnedAt)} after node ${first.id} returned`,
    );
    await second.start();

    const { accepted, failed, offered, retried } = await load.stop();
    const settledIn = await settle(system);
    await eventually(inSync, { timeoutMs: 60_000, intervalMs: 500, what: 'every partition in sync again' });
    const outcome = await outcomeOf(system, accepted);
    t.log(
      `${offered} offered at ${RATE}/s, ${accepted.length} accepted, ${failed.length} refused or failed, ${retried} sent again after a 503`,
    );
    t.log(`all decided ${seconds(settledIn)} after the load stopped`);
    for (const line of describeTopics(outcome)) t.log(line);

    t.deepEqual(failed.slice(0, 5), [], 'the API accepted every submission, brokers lost or not');
    t.is(outcome.notFinal, 0, 'every accepted application reached a final status');
    for (const topic of topicNames) {
      const count = outcome.topics[topic];
      t.is(count.missing, 0, `no application without its event on ${topic}`);
      t.is(count.events, accepted.length, `one event per application on ${topic}`);
      t.is(count.applicationsWithSeveralEvents, 0, `no application with two different events on ${topic}`);
    }
  },
);
