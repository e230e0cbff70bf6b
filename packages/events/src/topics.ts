import { eventSchemas, type EventTypes } from './schemas.generated.ts';

/**
 * The topic table: each topic, the full name of the one schema its values carry, and through it
 * the generated TypeScript type. Subjects follow the TopicNameStrategy: `<topic>-value`.
 */
export const topicTable = {
  loan_applications_submitted: 'in.prequal.loan.LoanApplicationSubmitted',
  credit_reports_generated: 'in.prequal.loan.CreditReportGenerated',
  loan_decisions_made: 'in.prequal.loan.LoanDecisionMade',
} as const satisfies Record<string, keyof EventTypes>;

export type TopicName = keyof typeof topicTable;

/** The event type carried by a topic. */
export type EventOf<T extends TopicName> = EventTypes[(typeof topicTable)[T]];

export const topicNames = Object.keys(topicTable) as TopicName[];

/**
 * The registry subject of a Kafka topic's values (TopicNameStrategy): `<topic>-value`. The Kafka
 * topic is the table's name with TOPIC_PREFIX in front (empty in production).
 */
export function valueSubject(kafkaTopic: string): string {
  return `${kafkaTopic}-value`;
}

/** The Avro schema (JSON) of a topic's values. */
export function schemaOf<T extends TopicName>(topic: T): (typeof eventSchemas)[(typeof topicTable)[T]] {
  return eventSchemas[topicTable[topic]];
}

/** The dead-letter topic of a topic. */
export function deadLetterTopicOf(topic: string): string {
  return `${topic}.DLT`;
}

/** Every subject is FULL_TRANSITIVE: producers and consumers deploy independently, topics are replayed. */
export const SUBJECT_COMPATIBILITY = 'FULL_TRANSITIVE';
