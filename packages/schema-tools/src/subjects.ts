import { isCompatibilityLevel, type CompatibilityLevel } from './compatibility/compatibility-levels.ts';

/** Which subject a schema belongs to, and the compatibility level the subject must keep. */
export interface Subjects {
  /** The subject of a schema by its full name (e.g. in.prequal.loan.LoanDecisionMade), if a topic carries it. */
  readonly subjectOf: (fullName: string) => string | undefined;
  readonly levelOf: (subject: string | undefined) => CompatibilityLevel;
}

/**
 * Subjects from the topic table of @prequal/events: `<prefix><topic>-value` for the topic whose values
 * are the schema (the prefix is TOPIC_PREFIX, empty in production, as the services use it), every
 * subject at SUBJECT_COMPATIBILITY. Imported lazily: the package root loads the generated types, which
 * `generate` must be able to rewrite without loading them.
 */
export async function subjectsOfTopicTable(topicPrefix = process.env.TOPIC_PREFIX ?? ''): Promise<Subjects> {
  const { topicTable, SUBJECT_COMPATIBILITY, valueSubject } = await import('@prequal/events');
  const topics = Object.entries(topicTable) as [keyof typeof topicTable, string][];
  const subjects = new Map(
    topics.map(([topic, fullName]) => [fullName, valueSubject(`${topicPrefix}${topic}`)]),
  );
  const level: CompatibilityLevel = isCompatibilityLevel(SUBJECT_COMPATIBILITY)
    ? SUBJECT_COMPATIBILITY
    : 'FULL_TRANSITIVE';
  return { subjectOf: (fullName) => subjects.get(fullName), levelOf: () => level };
}
