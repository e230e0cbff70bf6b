/**
 * What to do about a failure, for every caller alike (the consumer runtime, the relay, the HTTP
 * layer):
 * - `unavailable`: a dependency (database, registry, broker) cannot be reached or refuses us.
 *   Everything would fail alike: wait and try again without limit, never dead-letter; HTTP 503.
 * - `retriable`: this piece of work may succeed if tried again (a deadlock, a serialization
 *   failure): bounded retries, then dead-letter.
 * - `fatal`: trying again cannot help (undecodable bytes, invalid content, a bug): dead-letter now.
 */
export type FailureKind = 'unavailable' | 'retriable' | 'fatal';

/**
 * Base of our named errors. A `code` says what went wrong (the HTTP layer maps codes to statuses);
 * `kind` says what to do about it (see FailureKind).
 */
export abstract class AppError extends Error {
  abstract readonly code: string;
  readonly kind: FailureKind = 'fatal';
}

/**
 * A named error class in one line: `export class NoSuchThingError extends appError('NoSuchThingError',
 * 'NO_SUCH_THING') {}`. The name is given as text because class names do not survive every bundler.
 */
export function appError(name: string, code: string, kind: FailureKind = 'fatal') {
  return class extends AppError {
    override readonly name = name;
    readonly code = code;
    override readonly kind = kind;
  };
}

/** A property of a thrown value, whatever was thrown (libraries attach `code`, `status`, `type`...). */
export function errorProperty(error: unknown, name: string): unknown {
  return typeof error === 'object' && error !== null ? (error as Record<string, unknown>)[name] : undefined;
}
