/**
 * Base of our named errors. A `code` says what went wrong (the HTTP layer maps codes to statuses);
 * `retriable` says whether trying again may succeed (the consumer runtime retries or dead-letters).
 */
export abstract class AppError extends Error {
  abstract readonly code: string;
  readonly retriable: boolean = false;
}

/** Whether an error says that trying again may succeed. */
export function isRetriable(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'retriable' in error && error.retriable === true;
}

/** A property of a thrown value, whatever was thrown (libraries attach `code`, `status`, `type`...). */
export function errorProperty(error: unknown, name: string): unknown {
  return typeof error === 'object' && error !== null ? (error as Record<string, unknown>)[name] : undefined;
}
