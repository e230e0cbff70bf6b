import { errorProperty, isRetriable } from '@prequal/service-kit';

/**
 * What to do about an error while handling a message:
 * - `unavailable`: a dependency (database, registry, broker) cannot be reached. Every message
 *   would fail alike, so wait and try again without limit; never dead-letter for this.
 * - `retriable`: this message may succeed if tried again: bounded retries, then dead-letter.
 * - `fatal`: trying again cannot help (undecodable bytes, invalid content, a bug): dead-letter now.
 */
export type FailureKind = 'unavailable' | 'retriable' | 'fatal';

const UNAVAILABLE_NAMES = new Set([
  'RegistryUnavailableError',
  'KafkaJSConnectionError',
  'KafkaJSNumberOfRetriesExceeded',
  'ConnectionException', // MikroORM: the database cannot be reached
]);

// pg: a dropped connection, and a pool that could not give a connection in time (full, or the
// database does not answer).
const DROPPED_CONNECTION =
  /Connection terminated|Client has encountered a connection error|timeout exceeded when trying to connect/i;

const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
]);

const NETWORK_FAILURE = new RegExp(`${[...UNAVAILABLE_CODES].join('|')}|socket hang up|timeout`, 'i');

/**
 * Whether an error's text names a network failure (a refused or reset connection, an unknown host,
 * a timeout): for clients that report one only in a message, as the registry client does.
 */
export function namesNetworkFailure(error: unknown): boolean {
  return NETWORK_FAILURE.test(String(error));
}

/** PostgreSQL SQLSTATE classes: 08 connection, 57P admin shutdown, 53 resources; 40001/40P01 contention. */
function postgresKind(code: string): FailureKind | undefined {
  if (code.startsWith('08') || code.startsWith('57P') || code.startsWith('53')) return 'unavailable';
  if (code === '40001' || code === '40P01' || code === '55P03') return 'retriable';
  return undefined;
}

export function classifyFailure(error: unknown): FailureKind {
  const code = errorProperty(error, 'code');
  if (typeof code === 'string') {
    if (UNAVAILABLE_CODES.has(code)) return 'unavailable';
    const kind = postgresKind(code);
    if (kind) return kind;
  }
  const name = errorProperty(error, 'name');
  if (typeof name === 'string' && UNAVAILABLE_NAMES.has(name)) return 'unavailable';
  // pg reports a dropped connection without a code.
  if (error instanceof Error && DROPPED_CONNECTION.test(error.message)) return 'unavailable';
  if (isRetriable(error)) return 'retriable';
  const cause = errorProperty(error, 'cause');
  return cause !== undefined && cause !== error ? classifyFailure(cause) : 'fatal';
}

export interface BackoffOptions {
  readonly initialDelayMs: number;
  readonly maxDelayMs: number;
}

/** Exponential backoff with equal jitter: between half and all of initial * 2^(attempt-1), capped at max. */
export function backoffDelayMs(
  attempt: number,
  { initialDelayMs, maxDelayMs }: BackoffOptions,
  random = Math.random,
): number {
  const ceiling = Math.min(maxDelayMs, initialDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
