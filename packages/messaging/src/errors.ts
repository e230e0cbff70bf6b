import { AppError } from '@prequal/service-kit';

/** The bytes are not in the Confluent wire format (no magic byte and schema id). */
export class NotConfluentAvroError extends AppError {
  override readonly name = 'NotConfluentAvroError';
  readonly code = 'NOT_CONFLUENT_AVRO';
}

/** The schema id of a message is unknown to the registry. */
export class UnknownSchemaIdError extends AppError {
  override readonly name = 'UnknownSchemaIdError';
  readonly code = 'UNKNOWN_SCHEMA_ID';
}

/** The writer's schema cannot be read with our reader schema. */
export class IncompatibleWriterSchemaError extends AppError {
  override readonly name = 'IncompatibleWriterSchemaError';
  readonly code = 'INCOMPATIBLE_WRITER_SCHEMA';
}

/** The payload does not decode with the schema its id names (truncated or corrupt bytes). */
export class MalformedPayloadError extends AppError {
  override readonly name = 'MalformedPayloadError';
  readonly code = 'MALFORMED_PAYLOAD';
}

/** The registry did not answer (down, or an error on its side): trying again may succeed. */
export class RegistryUnavailableError extends AppError {
  override readonly name = 'RegistryUnavailableError';
  readonly code = 'REGISTRY_UNAVAILABLE';
  override readonly retriable = true;
}

/** An event that our own schema refuses to encode: a bug in the producer, never retried. */
export class InvalidEventError extends AppError {
  override readonly name = 'InvalidEventError';
  readonly code = 'INVALID_EVENT';
}
