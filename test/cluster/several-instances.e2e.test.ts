import { setTimeout as sleep } from 'node:timers/promises';
import test from 'ava';
import type { Api } from '../e2e/system-under-test.ts';
import { describeTopics, outcomeOf, settle } from './pipeline-outcome.ts';
import { watchPipeline } from './pipeline-watch.ts';
import { startScaledSystem } from './scaled-system.ts';
import { startSteadyLoad } from './steady-load.ts';

/** Applications per second, for the whole test. */
const RATE = 50;
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

test('two instances of each service, one of each stopped under a steady load (credit-service and decision-service killed, prequal-api stopped with SIGTERM): no application lost or decided twice, no outbox row published twice', async (t) => {
  t.timeout(240_000);
  const system = await startScaledSystem({
    instances: {
      'prequal-api': [{}, {}],
      'credit-service': [{}, {}],
      // A relay killed between its send and its commit publishes that round again (at least
      // once, decision 0005), which this test would count as a row published twice: the
      // decision-service instance it kills is the one without a relay.
      'decision-service': [{}, { RELAY_ENABLED: 'false' }],
    },
  });
  t.teardown(() => system.stop());
  const [api, secondApi] = system.apis;
  const [, credit] = system.instances['credit-service'];
  const [, decision] = system.instances['decision-service'];
  const [, apiInstance] = system.instances['prequal-api'];
  if (!api || !secondApi || !credit || !decision || !apiInstance) return t.fail('two instances of each');
  const watch = watchPipeline(system.database);
  t.teardown(() => watch.stop());
  let routes: readonly Api[] = [api, secondApi];
  const load = startSteadyLoad(() => routes, RATE);
  t.teardown(() => load.stop());
  await sleep(6_000);

  const creditKilledAt = Date.now();
  await credit.stop('SIGKILL');
  await sleep(4_000);
  const decisionKilledAt = Date.now();
  await decision.stop('SIGKILL');
  await sleep(4_000);
  // As a load balancer does before a pod stops (the chart's preStop pause): no new requests.
  routes = [api];
  await sleep(500);
  const apiStoppedAt = Date.now();
  const exitCode = await apiInstance.stop('SIGTERM');
  const stoppedIn = Date.now() - apiStoppedAt;
  // The group gives a killed member's partitions to the other once its session (10 s, decision
  // 0071) expires: the load goes on past that, so the survivors work under it.
  await sleep(14_000);

  const { accepted, failed, offered, retried } = await load.stop();
  const loadEndedAt = Date.now();
  const settledIn = await settle(system);
  const outcome = await outcomeOf(system, accepted);
  t.log(
    `${offered} offered at ${RATE}/s over two APIs then one, ${accepted.length} accepted, ${failed.length} failed, ${retried} sent again after a 503`,
  );
  t.log(
    `credit-service killed: applications waited over 3 s until ${seconds(watch.disturbedFor(creditKilledAt, loadEndedAt))} after; ` +
      `decision-service killed: until ${seconds(watch.disturbedFor(decisionKilledAt, loadEndedAt))} after`,
  );
  t.log(
    `prequal-api stopped by SIGTERM in ${seconds(stoppedIn)} (exit ${exitCode}); all decided ${seconds(settledIn)} after the load`,
  );
  for (const line of describeTopics(outcome)) t.log(line);

  t.is(exitCode, 0, 'prequal-api drains and exits cleanly on SIGTERM');
  t.deepEqual(failed.slice(0, 5), [], 'every submission accepted');
  t.is(outcome.notFinal, 0, 'every accepted application reached a final status');
  const {
    loan_applications_submitted: submitted,
    credit_reports_generated: reports,
    loan_decisions_made: decisions,
  } = outcome.topics;
  t.like(submitted, { missing: 0, events: accepted.length, copies: 0 }, 'each application submitted once');
  t.like(
    reports,
    { missing: 0, events: accepted.length, applicationsWithSeveralEvents: 0 },
    'one credit report each',
  );
  t.like(
    decisions,
    { missing: 0, events: accepted.length, copies: 0, applicationsWithSeveralEvents: 0 },
    'each application decided once, its decision published once',
  );
});
