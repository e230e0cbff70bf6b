import type { Admin } from 'kafkajs';
import type { Database } from '@prequal/db';
import { applicationBodies } from '../load/application-bodies.ts';
import { describeRun, postApplications, type LoadRun } from '../load/http-load.ts';
import { connectionsForRate } from '../profile.ts';
import { formatMs, say } from '../progress.ts';
import type { E2eHops, E2eResult, E2eStep } from '../results.ts';
import { highestSustainedRate, judgeStep } from '../stats/bounded.ts';
import { summarize } from '../stats/percentiles.ts';
import {
  applicationsCreatedBetween,
  applicationTimesBetween,
  pendingCount,
  unpublishedCount,
} from '../system/pipeline-state.ts';
import { followPublished, type PublishedTimes } from '../system/published-times.ts';
import { measureCpu, stackTargets } from '../system/cpu-sampler.ts';
import { createIsolatedSystem, type IsolatedSystem, type ServiceProcess } from '../system/isolated-system.ts';
import { consumerLag } from '../system/kafka-observer.ts';
import { warmUp } from '../system/warm-up.ts';
import { pollUntil } from '../wait.ts';
import type { ScenarioContext } from './context.ts';

type Sample = E2eStep['samples'][number];

/** Samples the backlog every `intervalMs` while the load runs: undecided, outbox, consumer lag. */
function sampleBacklog(system: IsolatedSystem, intervalMs = 250): { stop: () => Promise<Sample[]> } {
  const { database, admin, groups, harness } = system;
  const samples: Sample[] = [];
  const startedAt = Date.now();
  const state = { running: true };
  const loop = (async () => {
    while (state.running) {
      const next = Date.now() + intervalMs;
      const [undecided, outbox, creditLag, decisionLag] = await Promise.all([
        pendingCount(database),
        unpublishedCount(database),
        lagOf(admin, groups['credit-service'], harness.topics.loan_applications_submitted),
        lagOf(admin, groups['decision-service'], harness.topics.credit_reports_generated),
      ]);
      samples.push({ atSeconds: (Date.now() - startedAt) / 1000, undecided, outbox, creditLag, decisionLag });
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, next - Date.now())));
    }
  })();
  return {
    stop: async () => {
      state.running = false;
      await loop;
      return samples;
    },
  };
}

function lagOf(admin: Admin, group: string, topic: string): Promise<number> {
  return consumerLag(admin, group, topic).catch(() => 0);
}

/** A few applications through the whole pipeline, so that the steps measure a warm system. */
function waitForDecisions(database: Database, timeoutMs: number): Promise<boolean> {
  return pollUntil(async () => (await pendingCount(database)) === 0, {
    timeoutMs,
    intervalMs: 100,
    onTick: async () => {
      say(`e2e · waiting: ${await pendingCount(database)} undecided`);
    },
  });
}

/** One offered rate for the profile's step time, then the wait for its decisions, judged. */
export async function runStep(
  system: IsolatedSystem,
  followers: Followers,
  api: ServiceProcess,
  rate: number,
  context: ScenarioContext,
  processes: readonly ServiceProcess[],
): Promise<E2eStep> {
  const { stepSeconds, drainTimeoutSeconds, criterion } = context.profile.e2e;
  say(`e2e · ${rate} applications/s for ${stepSeconds} s`);
  const sampler = sampleBacklog(system);
  const cpuTargets = [
    ...processes.map((running) => ({
      name: running.name.slice(system.harness.prefix.length),
      pids: () => [running.pid],
    })),
    ...stackTargets(),
  ];
  const { result: submission, cpu } = await measureCpu(`e2e · ${rate}/s`, cpuTargets, () =>
    postApplications({
      baseUrl: api.url,
      headers: system.authHeaders,
      target: 'ours',
      bodies: applicationBodies(rate),
      connections: connectionsForRate(rate),
      durationSeconds: stepSeconds,
      rate,
    }),
  );
  context.cpu.push({ ...cpu, items: submission.accepted });
  const samples = await sampler.stop();
  say(`e2e · ${rate}/s submitted: ${describeRun(submission)}; waiting for the decisions`);
  await waitForDecisions(system.database, drainTimeoutSeconds * 1000);
  await new Promise((resolve) => setTimeout(resolve, 500)); // the followers' last fetch
  const hopsMs = await hopsOf(
    system,
    followers,
    new Date(submission.startedAt),
    new Date(submission.endedAt),
  );
  say(
    `e2e · ${rate}/s hops, p50 / p99 ms: relay ${formatMs(hopsMs.relay?.p50)} / ${formatMs(hopsMs.relay?.p99)}, ` +
      `credit ${formatMs(hopsMs.credit?.p50)} / ${formatMs(hopsMs.credit?.p99)}, ` +
      `decision ${formatMs(hopsMs.decision?.p50)} / ${formatMs(hopsMs.decision?.p99)}`,
  );
  return { ...(await summarizeStep(system, rate, stepSeconds, submission, samples, criterion)), hopsMs };
}

/** The events' send times, by application id, of both topics on the way to a decision. */
export interface Followers {
  readonly submitted: PublishedTimes;
  readonly reports: PublishedTimes;
}

export async function followPipeline(system: IsolatedSystem): Promise<Followers> {
  const { kafka, topics } = system.harness;
  return {
    submitted: await followPublished(kafka, topics.loan_applications_submitted),
    reports: await followPublished(kafka, topics.credit_reports_generated),
  };
}

/** created_at → submitted sent (relay) → report sent (credit-service) → decided_at, per application. */
async function hopsOf(system: IsolatedSystem, followers: Followers, from: Date, to: Date): Promise<E2eHops> {
  const relay: number[] = [];
  const credit: number[] = [];
  const decision: number[] = [];
  for (const { id, createdAt, decidedAt } of await applicationTimesBetween(system.database, from, to)) {
    const submittedAt = followers.submitted.sentAt.get(id);
    const reportedAt = followers.reports.sentAt.get(id);
    if (submittedAt === undefined || reportedAt === undefined || decidedAt === undefined) continue;
    relay.push(submittedAt - createdAt);
    credit.push(reportedAt - submittedAt);
    decision.push(decidedAt - reportedAt);
  }
  return { relay: summarize(relay), credit: summarize(credit), decision: summarize(decision) };
}

async function summarizeStep(
  system: IsolatedSystem,
  rate: number,
  durationSeconds: number,
  submission: LoadRun,
  samples: Sample[],
  criterion: ScenarioContext['profile']['e2e']['criterion'],
): Promise<E2eStep> {
  const window = await applicationsCreatedBetween(
    system.database,
    new Date(submission.startedAt),
    new Date(submission.endedAt),
  );
  // autocannon sends each second's requests at its start: the load ends with the last submission.
  const drainSeconds =
    window.undecided > 0 || !window.lastDecidedAt || !window.lastCreatedAt
      ? undefined
      : (window.lastDecidedAt.getTime() - window.lastCreatedAt.getTime()) / 1000;
  const verdict = judgeStep(
    {
      offeredRate: rate,
      achievedRate: submission.throughputPerSecond,
      failedRequests: submission.non2xx + submission.errors,
      samples,
      drainSeconds,
      plannedSeconds: durationSeconds,
      elapsedSeconds: (submission.endedAt - submission.startedAt) / 1000,
    },
    criterion,
  );
  const { startedAt: _startedAt, endedAt: _endedAt, ...run } = submission;
  const latencyMs = summarize(window.latenciesMs);
  const max = (pick: (sample: Sample) => number): number => Math.max(0, ...samples.map(pick));
  const step: E2eStep = {
    offeredRate: rate,
    durationSeconds,
    submission: run,
    decided: window.latenciesMs.length,
    undecidedAtEnd: window.undecided,
    latencyMs,
    drainSeconds,
    maxUndecided: max((sample) => sample.undecided),
    maxOutboxBacklog: max((sample) => sample.outbox),
    maxCreditLag: max((sample) => sample.creditLag),
    maxDecisionLag: max((sample) => sample.decisionLag),
    samples,
    verdict,
  };
  say(
    `e2e · ${rate}/s: ${step.decided} decided, created→decided p50 ${formatMs(latencyMs?.p50)} ms, ` +
      `p95 ${formatMs(latencyMs?.p95)} ms, p99 ${formatMs(latencyMs?.p99)} ms; ` +
      (verdict.sustained ? 'sustained' : `not sustained: ${verdict.reasons.join('; ')}`),
  );
  return step;
}

/**
 * The three services as processes on a system of their own. At each offered rate, applications
 * go in through the API for a fixed time; the time from submission to decision comes from the
 * database (applications.created_at -> decided_at), and the backlog is sampled to judge whether
 * the rate is sustained. Higher rates are skipped once one is not.
 */
export async function runE2eScenario(context: ScenarioContext): Promise<E2eResult> {
  const { rates, criterion } = context.profile.e2e;
  const system = await createIsolatedSystem();
  const followers = await followPipeline(system);
  try {
    const credit = await system.start('credit-service');
    const decision = await system.start('decision-service');
    const api = await system.start('prequal-api');
    say('e2e · services up; warm-up');
    await warmUp(system, api, { until: 'decided' });
    const steps: E2eStep[] = [];
    for (const rate of rates) {
      const step = await runStep(system, followers, api, rate, context, [api, credit, decision]);
      steps.push(step);
      if (!step.verdict.sustained) {
        const skipped = rates.filter((higher) => higher > rate);
        if (skipped.length > 0) {
          context.warnings.push(`e2e: ${skipped.join(', ')}/s skipped: ${rate}/s was not sustained`);
          say(`e2e · skipping ${skipped.join(', ')}/s`);
        }
        break;
      }
    }
    return { criterion, steps, highestSustainedRate: highestSustainedRate(steps) };
  } finally {
    await followers.submitted.stop();
    await followers.reports.stop();
    await system.close();
  }
}
