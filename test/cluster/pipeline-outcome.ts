import { countPendingApplications, readOutboxBacklog } from '@prequal/db';
import { topicNames, type TopicName } from '@prequal/events';
import { EVENT_HEADERS, headerValue } from '@prequal/messaging';
import { consumerLag, eventually, readAllMessages, readDecisions } from '@prequal/testkit';
import { FINAL_STATUSES } from '../e2e/system-under-test.ts';
import type { ScaledSystem } from './scaled-system.ts';

/** What a topic holds, counted by event id (the id each copy of an event carries). */
export interface TopicCount {
  readonly messages: number;
  /** Distinct event ids. */
  readonly events: number;
  /** Messages beyond the first of their event id (a resend, a redelivery). */
  readonly copies: number;
  /** Accepted applications with no event on the topic. */
  readonly missing: number;
  /** Applications with more than one distinct event on the topic (for decisions: decided twice). */
  readonly applicationsWithSeveralEvents: number;
}

export interface PipelineOutcome {
  /** Accepted applications whose stored status is not final. */
  readonly notFinal: number;
  readonly topics: Readonly<Record<TopicName, TopicCount>>;
}

/**
 * Waits until the pipeline has worked off everything (nothing PENDING, an empty outbox, both
 * consumer groups without lag) and returns how long that took.
 */
export async function settle(system: ScaledSystem, timeoutMs = 90_000): Promise<number> {
  const started = Date.now();
  const admin = system.harness.kafka.admin();
  await admin.connect();
  const { topics } = system.harness;
  let state = {};
  try {
    await eventually(
      async () => {
        const [pending, backlog, creditLag, decisionLag] = await Promise.all([
          countPendingApplications(system.database.em()),
          readOutboxBacklog(system.database.em(), topicNames),
          consumerLag(admin, system.groups['credit-service'], topics.loan_applications_submitted),
          consumerLag(admin, system.groups['decision-service'], topics.credit_reports_generated),
        ]);
        state = { pending, backlog: backlog.count, creditLag, decisionLag };
        return pending + backlog.count + creditLag + decisionLag === 0 ? true : undefined;
      },
      { timeoutMs, intervalMs: 500, what: 'no application pending, an empty outbox and no consumer lag' },
    );
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const stuck = await whereAreTheyStuck(system);
    throw new Error(`${message}; last seen ${JSON.stringify(state)}; ${stuck}`, { cause: error });
  } finally {
    await admin.disconnect();
  }
  return Date.now() - started;
}

/** For a failure message: a few PENDING applications and where their events are. */
async function whereAreTheyStuck(system: ScaledSystem): Promise<string> {
  const rows = await system.database
    .em()
    .execute<{ id: string }[]>(
      `select id from applications where status = 'PENDING' order by created_at limit 3`,
    );
  const ids = rows.map(({ id }) => id);
  if (ids.length === 0) return 'none pending';
  const found = await Promise.all(
    topicNames.map(async (topic) => {
      const messages = await readAllMessages(system.harness.kafka, system.harness.topics[topic]);
      const of = messages.filter((message) => message.key !== undefined && ids.includes(message.key));
      return `${topic}: ${of.map(({ key, partition, offset }) => `${key}@${partition}/${offset}`).join(' ') || 'none'}`;
    }),
  );
  return `pending ${ids.join(', ')}; on the topics: ${found.join('; ')}`;
}

function countTopic(
  messages: Awaited<ReturnType<typeof readAllMessages>>,
  accepted: readonly string[],
): TopicCount {
  const eventsOf = new Map<string, Set<string>>();
  const eventIds = new Set<string>();
  for (const message of messages) {
    const eventId = headerValue(message.headers, EVENT_HEADERS.eventId) ?? `no event id at ${message.offset}`;
    eventIds.add(eventId);
    const key = message.key ?? '';
    eventsOf.set(key, (eventsOf.get(key) ?? new Set()).add(eventId));
  }
  return {
    messages: messages.length,
    events: eventIds.size,
    copies: messages.length - eventIds.size,
    missing: accepted.filter((id) => !eventsOf.has(id)).length,
    applicationsWithSeveralEvents: [...eventsOf.values()].filter((events) => events.size > 1).length,
  };
}

/** The accepted applications' stored statuses and every event of the three topics, counted. */
export async function outcomeOf(system: ScaledSystem, accepted: readonly string[]): Promise<PipelineOutcome> {
  const decisions = await readDecisions(system.database.orm, accepted);
  const notFinal = accepted.filter((id) => !FINAL_STATUSES.has(decisions.get(id)?.status ?? '')).length;
  const counts = await Promise.all(
    topicNames.map(async (topic) => {
      const messages = await readAllMessages(system.harness.kafka, system.harness.topics[topic]);
      return [topic, countTopic(messages, accepted)] as const;
    }),
  );
  return { notFinal, topics: Object.fromEntries(counts) as Record<TopicName, TopicCount> };
}

/** One line of figures per topic, for t.log. */
export function describeTopics(outcome: PipelineOutcome): string[] {
  return topicNames.map((topic) => {
    const { messages, events, copies } = outcome.topics[topic];
    return `${topic}: ${messages} messages, ${events} events, ${copies} extra copies`;
  });
}
