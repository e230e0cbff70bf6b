import { AppError, errorProperty, type FailureKind } from './errors.ts';

/**
 * What a foreign library's error means, as a FailureKind, or undefined when the adapter does not
 * know the error. One adapter per library; they read the errors' documented shape (name, code,
 * flags) without importing the libraries.
 */
type FailureAdapter = (error: unknown) => FailureKind | undefined;

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE']);

/** Node's system errors (net, dns, tls): a connection refused, reset or timed out, a host not found. */
const nodeSystemErrors: FailureAdapter = (error) => {
  const code = errorProperty(error, 'code');
  return typeof code === 'string' && NETWORK_CODES.has(code) ? 'unavailable' : undefined;
};

// pg reports a dropped connection, and a pool that could not give a connection in time (full, or
// the database does not answer), without a code.
const PG_CONNECTION_LOST =
  /^(Connection terminated|Client has encountered a connection error|timeout exceeded when trying to connect)/;

/**
 * PostgreSQL through pg: SQLSTATE classes 08 (connection), 57P (shutdown), 53 (resources), 28
 * (authentication: a wrong password waits for the operator) are outages; 40001, 40P01 and 55P03
 * (serialization, deadlock, lock not available) may succeed again.
 */
const postgres: FailureAdapter = (error) => {
  const code = errorProperty(error, 'code');
  if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) {
    if (/^(08|57P|53|28)/.test(code)) return 'unavailable';
    if (code === '40001' || code === '40P01' || code === '55P03') return 'retriable';
    return undefined;
  }
  return error instanceof Error && PG_CONNECTION_LOST.test(error.message) ? 'unavailable' : undefined;
};

/** MikroORM wraps a driver's connection failure in a ConnectionException. */
const mikroOrm: FailureAdapter = (error) =>
  errorProperty(error, 'name') === 'ConnectionException' ? 'unavailable' : undefined;

const KAFKAJS_OUTAGES = new Set([
  'KafkaJSConnectionError',
  'KafkaJSConnectionClosedError',
  'KafkaJSRequestTimeoutError',
  'KafkaJSNumberOfRetriesExceeded',
  'KafkaJSSASLAuthenticationError',
]);

/**
 * kafkajs: a broker that cannot be reached, a request that timed out, retries exhausted, and an
 * authentication or authorization refusal (a misconfiguration an operator fixes) are outages;
 * otherwise its own `retriable` flag decides.
 */
const kafkajs: FailureAdapter = (error) => {
  const name = errorProperty(error, 'name');
  if (typeof name !== 'string' || !name.startsWith('KafkaJS')) return undefined;
  if (KAFKAJS_OUTAGES.has(name)) return 'unavailable';
  const type = errorProperty(error, 'type');
  if (typeof type === 'string' && type.endsWith('_AUTHORIZATION_FAILED')) return 'unavailable';
  return errorProperty(error, 'retriable') === true ? 'retriable' : undefined;
};

const adapters: readonly FailureAdapter[] = [nodeSystemErrors, postgres, mikroOrm, kafkajs];

/**
 * The kind of a failure: our errors say it themselves (AppError.kind); a foreign library's error
 * is read by that library's adapter; an error nobody knows is looked at through its cause, and is
 * fatal when that says nothing either.
 */
export function failureKindOf(error: unknown): FailureKind {
  if (error instanceof AppError) return error.kind;
  for (const adapter of adapters) {
    const kind = adapter(error);
    if (kind) return kind;
  }
  const cause = errorProperty(error, 'cause');
  return cause !== undefined && cause !== error ? failureKindOf(cause) : 'fatal';
}

/** Whether an error's code is one of Node's network failures (for clients that wrap them). */
export function isNetworkFailure(error: unknown): boolean {
  return nodeSystemErrors(error) !== undefined;
}
