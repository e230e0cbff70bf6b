import { readFileSync } from 'node:fs';
import anyTest, { type TestFn } from 'ava';
import { eventually, nativeKafkaLibs } from '@prequal/testkit';
import { FINAL_STATUSES, finalState, submit } from '../e2e/system-under-test.ts';
import type { PromAlert } from './native-prometheus.ts';
import { DASHBOARD_FILE, isAlert, rules } from './observability-files.ts';
import { startObservedSystem, type ObservedSystem } from './observed-system.ts';
import { asSentByGrafana, panelQueries, type DashboardJson } from './panel-queries.ts';

const test = anyTest as TestFn<ObservedSystem>;

/*
 * Metrics the dashboard and the rules use that no service exports yet. A query on one of them is
 * expected to return nothing (and logged); once it returns series this test fails, so that the
 * name is taken off the list and the query is held to the same standard as the others. None now.
 */
const AWAITED_METRICS: string[] = [];

// A broker of the test's own needs the native stack's Kafka jars (`make stack-up` fetches them).
const serial = nativeKafkaLibs() ? test.serial : test.serial.skip;

test.before(async (t) => {
  if (nativeKafkaLibs()) t.context = await startObservedSystem();
});
test.after.always(async (t) => {
  if (nativeKafkaLibs()) await t.context.stop();
});

const pans = ['ABCDE1234F', 'FGHIJ5678K', 'KLMNO1234P'];
const application = (i: number) => ({
  pan_number: pans[i % pans.length],
  monthly_income_inr: 40000 + i * 1000,
  loan_amount_inr: 200000 + i * 10000,
  loan_type: ['PERSONAL', 'HOME', 'AUTO'][i % 3],
});

const delayedOutbox = (alerts: readonly PromAlert[]) =>
  alerts.find(({ labels }) => labels.alertname === 'OutboxEventsDelayed' && labels.service === 'prequal-api');

/*
 * The rule as written (30 s, for 1 m), evaluated every 15 s as configured: the outage lasts about
 * two minutes. A shortened copy of the rule would prove less for little time saved.
 */
serial(
  'with Kafka stopped, OutboxEventsDelayed goes pending, then fires; once Kafka is back, it clears and every application is decided',
  async (t) => {
    t.timeout(420_000);
    const { api, broker, prometheus } = t.context;
    await finalState(api, await submit(api, application(0)), 60_000);

    await broker.stop();
    let restarted = false;
    t.teardown(async () => {
      if (!restarted) await broker.start();
    });
    const stoppedAt = Date.now();
    const waiting: string[] = [];
    for (let i = 1; i <= 5; i++) waiting.push(await submit(api, application(i)));

    const seconds = () => Math.round((Date.now() - stoppedAt) / 1000);
    const first = await eventually(async () => delayedOutbox(await prometheus.alerts()), {
      timeoutMs: 180_000,
      intervalMs: 1_000,
      what: 'OutboxEventsDelayed to be pending',
    });
    t.is(first.state, 'pending', 'seen pending before firing');
    const pendingAfter = seconds();
    await eventually(
      async () => (delayedOutbox(await prometheus.alerts())?.state === 'firing' ? true : undefined),
      {
        timeoutMs: 180_000,
        intervalMs: 1_000,
        what: 'OutboxEventsDelayed to fire',
      },
    );
    t.log(`OutboxEventsDelayed pending ${pendingAfter} s and firing ${seconds()} s after Kafka stopped`);
    t.log(
      'alerts during the outage:',
      (await prometheus.alerts()).map(
        ({ labels, state }) => `${labels.alertname}{${labels.service ?? labels.job ?? ''}} ${state}`,
      ),
    );

    await broker.start();
    restarted = true;
    for (const id of waiting) t.true(FINAL_STATUSES.has((await finalState(api, id, 120_000)).status));
    await eventually(async () => (delayedOutbox(await prometheus.alerts()) ? undefined : true), {
      timeoutMs: 90_000,
      intervalMs: 1_000,
      what: 'OutboxEventsDelayed to clear',
    });
    t.is(delayedOutbox(await prometheus.alerts()), undefined);
  },
);

serial(
  'every panel query of the dashboard and every recording rule returns series from the running pipeline',
  async (t) => {
    t.timeout(300_000);
    const { api, kafka, topics, decisionDatabase, prometheus } = t.context;
    // Series of rare events need their event: a dead letter (bytes that are not Avro), and retries
    // and relay failures (decision-service's database cut off while applications come in).
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({
      topic: topics.loan_applications_submitted,
      messages: [{ key: 'not-avro', value: Buffer.from('not an Avro message') }],
    });
    await producer.disconnect();
    await decisionDatabase.down();
    const ids = await Promise.all(Array.from({ length: 20 }, (_, i) => submit(api, application(i))));
    await eventually(
      async () =>
        (await prometheus.query('event_retries_total{job="decision-service"}')).length > 0 ? true : undefined,
      { timeoutMs: 90_000, intervalMs: 1_000, what: "decision-service's retries to be scraped" },
    );
    await decisionDatabase.up();
    for (const id of ids) await finalState(api, id, 120_000);

    const dashboard = JSON.parse(readFileSync(DASHBOARD_FILE, 'utf8')) as DashboardJson;
    const queries = [
      ...panelQueries(dashboard).map(({ panel, expr }) => ({
        what: `panel "${panel}"`,
        expr: asSentByGrafana(expr),
      })),
      ...rules()
        .filter((rule) => !isAlert(rule))
        .map((rule) => ({ what: 'recording rule', expr: 'record' in rule ? rule.record : '' })),
    ];
    const awaited = (expr: string) => AWAITED_METRICS.some((name) => expr.includes(name));
    const answered = async () =>
      Promise.all(
        queries.map(async (query) => ({ ...query, series: (await prometheus.query(query.expr)).length })),
      );
    // Rates need two scrapes and recording rules an evaluation after them: poll until all answer.
    const results = await eventually(
      async () => {
        const all = await answered();
        return all.every(({ expr, series }) => series > 0 || awaited(expr)) ? all : undefined;
      },
      { timeoutMs: 120_000, intervalMs: 2_000, what: 'every query to return series' },
    ).catch(answered);

    for (const { what, expr, series } of results) {
      if (awaited(expr)) {
        t.is(series, 0, `${what} returns series now: take its metric off AWAITED_METRICS (${expr})`);
        if (series === 0) t.log(`awaited, no series yet: ${what}: ${expr}`);
      } else {
        t.true(series > 0, `${what} returns no series: ${expr}`);
      }
    }
    t.true(results.filter(({ expr }) => !awaited(expr)).length >= 30);
  },
);
