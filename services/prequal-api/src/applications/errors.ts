import { AppError } from '@prequal/service-kit';
import type { FieldError } from './application-request.ts';

export class InvalidApplicationError extends AppError {
  override readonly name = 'InvalidApplicationError';
  readonly code = 'INVALID_APPLICATION';
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

export class ApplicationNotFoundError extends AppError {
  override readonly name = 'ApplicationNotFoundError';
  readonly code = 'APPLICATION_NOT_FOUND';
}

export class IdempotencyConflictError extends AppError {
  override readonly name = 'IdempotencyConflictError';
  readonly code = 'IDEMPOTENCY_KEY_REUSED';
}

export class InvalidIdempotencyKeyError extends AppError {
  override readonly name = 'InvalidIdempotencyKeyError';
  readonly code = 'INVALID_IDEMPOTENCY_KEY';
}
