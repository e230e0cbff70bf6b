export * from './schemas.generated.ts';
export {
  topicTable,
  topicNames,
  valueSubject,
  schemaOf,
  deadLetterTopicOf,
  SUBJECT_COMPATIBILITY,
  type TopicName,
  type EventOf,
} from './topics.ts';
export {
  logicalTypes,
  parseSchema,
  isUuid,
  DecimalType,
  TimestampMillisType,
  UuidType,
} from './logical-types.ts';
export { deriveEventId } from './event-ids.ts';
export {
  PAN_PATTERN,
  PAN_RULE,
  APPLICANT_NAME_TEXT,
  APPLICANT_NAME_MAX,
  APPLICANT_NAME_RULES,
  applicantNameProblem,
  REQUESTABLE_LOAN_TYPES,
  CIBIL_SCORE_MIN,
  CIBIL_SCORE_MAX,
} from './application-rules.ts';
export { contentViolations, type ContentViolation } from './content-rules.ts';
