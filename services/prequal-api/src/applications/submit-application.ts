import { createHash } from 'node:crypto';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Application } from '@prequal/db';
import type { LoanApplicationSubmitted } from '@prequal/events';
import { enqueueEvent } from '@prequal/messaging';
import type { ApplicationInput } from './application-request.ts';
import { IdempotencyConflictError } from './errors.ts';

export interface SubmitDeps {
  /** A fresh EntityManager for this request. */
  readonly em: () => EntityManager;
  readonly clock: () => Date;
  readonly newId: () => string;
}

export interface SubmitOptions {
  readonly correlationId: string;
  readonly idempotencyKey?: string | undefined;
}

export interface SubmittedApplication {
  readonly applicationId: string;
  readonly status: string;
  /** True when an earlier request with the same Idempotency-Key created it. */
  readonly replayed: boolean;
}

/** SHA-256 of the validated application, to tell a retried request from a different one. */
export function fingerprintOf(input: ApplicationInput): string {
  return createHash('sha256').update(JSON.stringify(input)).digest('hex');
}

/**
 * Stores the application as PENDING and its LoanApplicationSubmitted event in the outbox, in one
 * transaction: either both are committed or neither. Never waits on Kafka or the registry.
 */
export async function submitApplication(
  deps: SubmitDeps,
  input: ApplicationInput,
  { correlationId, idempotencyKey }: SubmitOptions,
): Promise<SubmittedApplication> {
  const fingerprint = idempotencyKey === undefined ? null : fingerprintOf(input);
  try {
    return await deps.em().transactional(async (em) => {
      if (idempotencyKey !== undefined) {
        const earlier = await findByKey(em, idempotencyKey, fingerprint);
        if (earlier) return earlier;
      }
      const applicationId = deps.newId();
      const now = deps.clock();
      em.create(Application, {
        id: applicationId,
        panNumber: input.panNumber,
        applicantName: input.applicantName,
        monthlyIncomeInr: input.monthlyIncomeInr,
        loanAmountInr: input.loanAmountInr,
        loanType: input.loanType,
        status: 'PENDING',
        correlationId,
        idempotencyKey: idempotencyKey ?? null,
        requestFingerprint: fingerprint,
        createdAt: now,
        updatedAt: now,
      });
      const event: LoanApplicationSubmitted = {
        eventId: deps.newId(),
        occurredAt: now,
        correlationId,
        applicationId,
        ...input,
      };
      enqueueEvent(em, {
        topic: 'loan_applications_submitted',
        key: applicationId,
        eventId: event.eventId,
        correlationId,
        event,
      });
      return { applicationId, status: 'PENDING', replayed: false };
    });
  } catch (error) {
    // Two requests with the same new key raced; the loser answers like a retry.
    if (idempotencyKey === undefined || !(error instanceof UniqueConstraintViolationException)) throw error;
    const earlier = await findByKey(deps.em(), idempotencyKey, fingerprint);
    if (!earlier) throw error;
    return earlier;
  }
}

async function findByKey(
  em: EntityManager,
  idempotencyKey: string,
  fingerprint: string | null,
): Promise<SubmittedApplication | undefined> {
  const earlier = await em.findOne(
    Application,
    { idempotencyKey },
    { fields: ['id', 'status', 'requestFingerprint'] },
  );
  if (!earlier) return undefined;
  if (earlier.requestFingerprint !== fingerprint) {
    throw new IdempotencyConflictError(
      'this Idempotency-Key was already used with a different application; use a new key for a new application',
    );
  }
  return { applicationId: earlier.id, status: earlier.status, replayed: true };
}
