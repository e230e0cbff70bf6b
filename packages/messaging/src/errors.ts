import { appError } from '@prequal/service-kit';

/** The bytes are not in the Confluent wire format (no magic byte and schema id). */
export class NotConfluentAvroError extends appError('NotConfluentAvroError', 'NOT_CONFLUENT_AVRO') {}

/** The schema id of a message is unknown to the registry. */
export class UnknownSchemaIdError extends appError('UnknownSchemaIdError', 'UNKNOWN_SCHEMA_ID') {}

/** The writer's schema cannot be read with our reader schema. */
export class IncompatibleWriterSchemaError extends appError(
  'IncompatibleWriterSchemaError',
  'INCOMPATIBLE_WRITER_SCHEMA',
) {}

/** The payload does not decode with the schema its id names (truncated or corrupt bytes). */
export class MalformedPayloadError extends appError('MalformedPayloadError', 'MALFORMED_PAYLOAD') {}

/** The registry did not answer (down, or an error on its side): wait and try again. */
export class RegistryUnavailableError extends appError(
  'RegistryUnavailableError',
  'REGISTRY_UNAVAILABLE',
  'unavailable',
) {}

/** An event that our own schema refuses to encode: a bug in the producer, never retried. */
export class InvalidEventError extends appError('InvalidEventError', 'INVALID_EVENT') {}

/** An event whose Avro is valid but whose content breaks a rule of the domain (a negative income). */
export class InvalidEventContentError extends appError('InvalidEventContentError', 'INVALID_EVENT_CONTENT') {}

/**
 * A send resolved without an acknowledgement for some of its partitions (a kafkajs retry after a
 * leader change skipped them): send it again.
 */
export class PartitionsNotAcknowledgedError extends appError(
  'PartitionsNotAcknowledgedError',
  'PARTITIONS_NOT_ACKNOWLEDGED',
  'retriable',
) {}
