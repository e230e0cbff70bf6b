import { appError } from '@prequal/service-kit';

/** One offending field of a refused application, named as the client sent it, and why. */
export interface FieldError {
  readonly field: string;
  readonly message: string;
}

export class InvalidApplicationError extends appError('InvalidApplicationError', 'INVALID_APPLICATION') {
  readonly errors: readonly FieldError[];

  constructor(errors: readonly FieldError[]) {
    const [only] = errors;
    super(
      errors.length === 1 && only?.field === '(body)'
        ? only.message
        : `the application has ${errors.length} invalid field(s): ${errors.map((e) => e.field).join(', ')}`,
    );
    this.errors = errors;
  }
}

export class ApplicationNotFoundError extends appError('ApplicationNotFoundError', 'APPLICATION_NOT_FOUND') {}

export class IdempotencyConflictError extends appError(
  'IdempotencyConflictError',
  'IDEMPOTENCY_KEY_REUSED',
) {}

export class InvalidIdempotencyKeyError extends appError(
  'InvalidIdempotencyKeyError',
  'INVALID_IDEMPOTENCY_KEY',
) {}

/** A header that travels with the application (a trace id, an Idempotency-Key) holds a PAN. */
export class PersonalDataInHeaderError extends appError(
  'PersonalDataInHeaderError',
  'PERSONAL_DATA_IN_HEADER',
) {}
