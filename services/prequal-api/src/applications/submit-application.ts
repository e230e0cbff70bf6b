import type { EntityManager } from '@mikro-orm/postgresql';
import { findByIdempotencyKey, insertApplicationWithEvent, type ApplicationStatus } from '@prequal/db';
import type { LoanApplicationSubmitted } from '@prequal/events';
import { outboxRowOf, outgoingEvent } from '@prequal/messaging';
import { keyedFingerprint, sealApplicant, type EventCipher, type Keyring } from '@prequal/pii';
import type { ApplicationInput } from './application-input.ts';
import { IdempotencyConflictError } from './errors.ts';

/** What seals an application's personal data: for its row, its event, its idempotency fingerprint. */
export interface PersonalDataKeys {
  readonly keyring: Keyring;
  readonly blindIndexKey: Buffer;
  readonly cipher: EventCipher;
}

export interface SubmitDeps {
  /** A fresh EntityManager for this request. */
  readonly em: () => EntityManager;
  readonly clock: () => Date;
  readonly newId: () => string;
  readonly personalData: PersonalDataKeys;
}

export interface SubmitOptions {
  /** The client that submits: it owns the application, and its idempotency keys are its own. */
  readonly clientId: string;
  readonly correlationId: string;
  readonly idempotencyKey?: string | undefined;
}

export interface SubmittedApplication {
  readonly applicationId: string;
  readonly status: ApplicationStatus;
  /** True when an earlier request with the same Idempotency-Key created it. */
  readonly replayed: boolean;
}

/**
 * A keyed fingerprint of the validated application, to tell a retried request from a different
 * one. Keyed (HMAC): the application holds a PAN, and an unkeyed hash of it could be guessed.
 */
export function fingerprintOf(input: ApplicationInput, blindIndexKey: Buffer): string {
  return keyedFingerprint(blindIndexKey, 'idempotency-fingerprint', JSON.stringify(input));
}

/**
 * Stores the application as PENDING and its LoanApplicationSubmitted event in the outbox,
 * atomically: either both are committed or neither. Never waits on Kafka or the registry.
 */
export async function submitApplication(
  deps: SubmitDeps,
  input: ApplicationInput,
  { clientId, correlationId, idempotencyKey }: SubmitOptions,
): Promise<SubmittedApplication> {
  const { keyring, blindIndexKey, cipher } = deps.personalData;
  const fingerprint = idempotencyKey === undefined ? null : fingerprintOf(input, blindIndexKey);
  const applicationId = deps.newId();
  const now = deps.clock();
  const event: LoanApplicationSubmitted = {
    eventId: deps.newId(),
    occurredAt: now,
    correlationId,
    applicationId,
    ...input,
    clientId,
  };
  const em = deps.em();
  const stored = await insertApplicationWithEvent(
    em,
    {
      id: applicationId,
      ...sealApplicant(input, keyring, blindIndexKey),
      monthlyIncomeInr: input.monthlyIncomeInr,
      loanAmountInr: input.loanAmountInr,
      loanType: input.loanType,
      correlationId,
      clientId,
      idempotencyKey: idempotencyKey ?? null,
      requestFingerprint: fingerprint,
      createdAt: now,
    },
    outboxRowOf(outgoingEvent('loan_applications_submitted', event), now, cipher),
  );
  if (stored) return { applicationId, status: 'PENDING', replayed: false };
  // Only a reused Idempotency-Key stores nothing: answer like the first request, or refuse.
  const earlier =
    idempotencyKey === undefined ? null : await findByIdempotencyKey(em, clientId, idempotencyKey);
  if (!earlier) throw new Error('the application was neither stored nor found by its Idempotency-Key');
  if (earlier.requestFingerprint !== fingerprint) {
    throw new IdempotencyConflictError(
      'this Idempotency-Key was already used with a different application; use a new key for a new application',
    );
  }
  return { applicationId: earlier.id, status: earlier.status as ApplicationStatus, replayed: true };
}
