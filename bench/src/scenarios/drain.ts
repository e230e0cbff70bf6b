import type { Message } from 'kafkajs';
import { rawConsumeProduce, type RawMode } from '../baseline/raw-kafka.ts';
import { submittedEvents } from '../load/events.ts';
import { formatCount, say, secondsSince } from '../progress.ts';
import { drainRun, type DrainResult, type DrainRun } from '../results.ts';
import { insertSubmitted, pendingCount, timestampSpan, unpublishedCount } from '../system/pipeline-state.ts';
import { measureCpu, stackTargets } from '../system/cpu-sampler.ts';
import { createIsolatedSystem, type IsolatedSystem } from '../system/isolated-system.ts';
import { pollUntil } from '../wait.ts';
import type { ScenarioContext } from './context.ts';

const CHUNK = 5_000;

/** Waits until `remaining` is 0, printing progress; returns how many were left at the end. */
async function drainUntilZero(
  what: string,
  total: number,
  remaining: () => Promise<number>,
  timeoutSeconds: number,
): Promise<number> {
  let left = total;
  await pollUntil(
    async () => {
      left = await remaining();
      return left === 0;
    },
    {
      timeoutMs: timeoutSeconds * 1000,
      intervalMs: 200,
      onTick: () => {
        say(`drain · ${what}: ${formatCount(total - left)} of ${formatCount(total)}`);
      },
    },
  );
  return left;
}

/** N applications accepted (rows + outbox) while nothing runs, written straight to the database. */
async function acceptBacklog(system: IsolatedSystem, messages: number): Promise<number> {
  const started = Date.now();
  for (let done = 0; done < messages; done += CHUNK) {
    await insertSubmitted(system.database, submittedEvents(Math.min(CHUNK, messages - done), done + 1));
  }
  return secondsSince(started);
}

/** prequal-api starts and its outbox relay publishes the backlog; the workers are still stopped. */
async function publishBacklog(system: IsolatedSystem, context: ScenarioContext): Promise<DrainRun> {
  const { messages, timeoutSeconds } = context.profile.drain;
  const started = Date.now();
  let apiPid: number | undefined;
  const targets = [{ name: 'prequal-api', pids: () => (apiPid ? [apiPid] : []) }, ...stackTargets()];
  const { result: left, cpu } = await measureCpu('drain · outbox relay', targets, async () => {
    apiPid = (await system.start('prequal-api')).pid;
    say(`drain · prequal-api up after ${secondsSince(started)} s; its relay publishes the backlog`);
    return drainUntilZero('published', messages, () => unpublishedCount(system.database), timeoutSeconds);
  });
  context.cpu.push({ ...cpu, items: messages - left });
  const span = await timestampSpan(system.database, 'published');
  return drainRun(
    'prequal-api outbox relay → Kafka',
    { messages, completed: messages - left },
    { started, first: span.first?.getTime(), last: span.last?.getTime() },
  );
}

/** credit-service and decision-service start together and work the backlog off. */
async function workOffBacklog(system: IsolatedSystem, context: ScenarioContext): Promise<DrainRun> {
  const { messages, timeoutSeconds } = context.profile.drain;
  const started = Date.now();
  const pids: Record<string, number> = {};
  const targets = [
    { name: 'credit-service', pids: () => (pids.credit ? [pids.credit] : []) },
    { name: 'decision-service', pids: () => (pids.decision ? [pids.decision] : []) },
    ...stackTargets(),
  ];
  // Processing starts once credit-service, the first stage, has joined its group.
  let creditReadyAt = started;
  const { result: left, cpu } = await measureCpu('drain · workers', targets, async () => {
    const [credit, decision] = await Promise.all([
      system.start('credit-service').then((running) => {
        creditReadyAt = Date.now();
        return running;
      }),
      system.start('decision-service'),
    ]);
    pids.credit = credit.pid;
    pids.decision = decision.pid;
    say(`drain · workers up after ${secondsSince(started)} s`);
    return drainUntilZero('decided', messages, () => pendingCount(system.database), timeoutSeconds);
  });
  context.cpu.push({ ...cpu, items: messages - left });
  if (left > 0)
    context.warnings.push(`drain: ${left} applications were still undecided after ${timeoutSeconds} s`);
  const span = await timestampSpan(system.database, 'decided');
  return drainRun(
    'credit-service + decision-service (Avro, registry, PostgreSQL, outbox)',
    { messages, completed: messages - left },
    { started, first: creditReadyAt, last: span.last?.getTime() },
  );
}

async function rawBaseline(
  system: IsolatedSystem,
  context: ScenarioContext,
  mode: RawMode,
): Promise<DrainRun> {
  const { messages, timeoutSeconds } = context.profile.drain;
  const payloads: Message[] = submittedEvents(messages, 99).map((event) => ({
    key: event.applicationId,
    value: JSON.stringify(event),
  }));
  say(`drain · baseline: kafkajs consume→produce of ${formatCount(messages)} messages, ${mode}`);
  const { result, cpu } = await measureCpu(`drain · kafkajs ${mode}`, stackTargets(), () =>
    rawConsumeProduce({
      kafka: system.harness.kafka,
      admin: system.admin,
      messages: payloads,
      partitions: system.partitions,
      mode,
      partitionsConcurrently: Number(process.env.PARTITIONS_CONSUMED_CONCURRENTLY ?? 3),
      timeoutSeconds,
    }),
  );
  context.cpu.push({ ...cpu, items: result.completed });
  say(
    `drain · kafkajs ${mode}: ${formatCount(result.perSecond)} messages/s over ${result.spanSeconds.toFixed(1)} s`,
  );
  return result;
}

/**
 * N applications accepted while the workers are stopped: rows and outbox events written to the
 * database directly (as prequal-api's transaction writes them, thousands per statement), then
 * prequal-api starts and its relay publishes them to Kafka, then credit-service and
 * decision-service start and the time until the last is decided is taken, next to plain kafkajs
 * moving the same number of messages between two topics.
 */
export async function runDrainScenario(context: ScenarioContext): Promise<DrainResult> {
  const { messages } = context.profile.drain;
  const system = await createIsolatedSystem();
  try {
    say(`drain · inserting ${formatCount(messages)} applications and their outbox events`);
    const insertSeconds = await acceptBacklog(system, messages);
    say(`drain · inserted in ${insertSeconds} s`);
    const relay = await publishBacklog(system, context);
    say(
      `drain · relay published ${formatCount(relay.completed)} events at ${formatCount(relay.perSecond)}/s`,
    );
    const ours = await workOffBacklog(system, context);
    say(
      `drain · workers decided ${formatCount(ours.completed)} in ${ours.totalSeconds.toFixed(1)} s ` +
        `(${formatCount(ours.perSecond)}/s once running)`,
    );
    const baselines = [
      await rawBaseline(system, context, 'per-message'),
      await rawBaseline(system, context, 'batched'),
    ];
    const perMessage = baselines[0];
    return {
      messages,
      insertSeconds,
      relay,
      ours,
      baselines,
      ratio: perMessage && perMessage.spanSeconds > 0 ? ours.spanSeconds / perMessage.spanSeconds : undefined,
    };
  } finally {
    await system.close();
  }
}
