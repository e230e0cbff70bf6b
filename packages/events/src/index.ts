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
