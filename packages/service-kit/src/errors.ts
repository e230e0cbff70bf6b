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
