import type { Kafka } from 'kafkajs';
import { appError, errorProperty, type Logger } from '@prequal/service-kit';

/** Kafka refused who we are (a wrong user or password, an unknown mechanism): retrying cannot help. */
export class KafkaAuthenticationError extends appError(
  'KafkaAuthenticationError',
  'KAFKA_AUTHENTICATION_FAILED',
) {}

/** The errors a kafkajs error wraps (aggregates, retries given up, causes). */
function* causes(error: unknown, depth = 0): Generator {
  if (depth > 5 || error === undefined || error === null) return;
  yield error;
  for (const name of ['cause', 'originalError', 'retriableError'])
    yield* causes(errorProperty(error, name), depth + 1);
  const errors = errorProperty(error, 'errors');
  if (Array.isArray(errors)) for (const inner of errors) yield* causes(inner, depth + 1);
}

/** The broker refused the credentials (SASL). */
export function isAuthenticationFailure(error: unknown): boolean {
  return [...causes(error)].some(
    (cause) =>
      errorProperty(cause, 'name') === 'KafkaJSSASLAuthenticationError' ||
      errorProperty(cause, 'type') === 'SASL_AUTHENTICATION_FAILED' ||
      errorProperty(cause, 'type') === 'ILLEGAL_SASL_STATE' ||
      errorProperty(cause, 'type') === 'UNSUPPORTED_SASL_MECHANISM',
  );
}

/** The broker knows who we are and refused the request (an ACL). */
export function isAuthorizationFailure(error: unknown): boolean {
  return [...causes(error)].some((cause) => {
    const type = errorProperty(cause, 'type');
    return typeof type === 'string' && type.endsWith('_AUTHORIZATION_FAILED');
  });
}

/**
 * Signs in to Kafka once at start-up, so wrong credentials stop the service with one clear error
 * instead of a loop of retries behind a service that looks up (the API would take applications it
 * can never publish). A broker that cannot be reached is no reason not to start: the outbox keeps
 * what is accepted until it can be published.
 */
export async function verifyKafkaCredentials(kafka: Kafka, logger: Logger): Promise<void> {
  const admin = kafka.admin({ retry: { retries: 0 } });
  try {
    await admin.connect();
  } catch (error) {
    if (isAuthenticationFailure(error))
      throw new KafkaAuthenticationError(
        `Kafka refused our credentials: ${error instanceof Error ? error.message : String(error)}`,
      );
    logger.warn({ err: error }, 'Kafka is not reachable; starting anyway (sign-in is checked on connection)');
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}
