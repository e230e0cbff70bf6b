import { defineEntity, type InferEntity } from '@mikro-orm/core';

/** A loan application and, once made, its decision. Written by prequal-api and decision-service. */
export const Application = defineEntity({
  name: 'Application',
  tableName: 'applications',
  properties: (p) => ({
    id: p.uuid().primary(),
    /** The PAN, sealed (pii1 envelope, AES-256-GCM); null once erased. Never stored in clear. */
    panSealed: p.text().nullable(),
    /** Keyed HMAC-SHA-256 of the PAN, to find a PAN's applications without storing it. */
    panBlindIndex: p.string().length(64).nullable().index('applications_pan_blind_index_idx'),
    /** The PAN as clients see it: all but the last four characters hidden. */
    panMasked: p.string().length(10).nullable(),
    /** The applicant's name, sealed; null when not given or once erased. */
    applicantNameSealed: p.text().nullable(),
    monthlyIncomeInr: p.decimal().precision(12).scale(2),
    loanAmountInr: p.decimal().precision(12).scale(2),
    loanType: p.string().length(20).nullable(),
    status: p.string().length(20).default('PENDING').index('applications_status_idx'),
    cibilScore: p.integer().nullable().check('cibil_score >= 300 and cibil_score <= 900'),
    decisionReason: p.string().length(255).nullable(),
    correlationId: p.string().length(64),
    /** The API client that submitted it, which alone may read it (null: from before clients). */
    clientId: p.string().length(255).nullable(),
    /** Client-chosen key that makes a POST safe to retry (Idempotency-Key header), per client. */
    idempotencyKey: p.string().length(255).nullable(),
    /** SHA-256 of the request body sent with the idempotency key, to refuse a different body. */
    requestFingerprint: p.string().length(64).nullable(),
    createdAt: p
      .datetime()
      .defaultRaw('now()')
      .onCreate(() => new Date()),
    updatedAt: p
      .datetime()
      .defaultRaw('now()')
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
    decidedAt: p.datetime().nullable(),
    /** When its personal data (PAN, name) was erased: by its retention, or at its client's request. */
    piiErasedAt: p.datetime().nullable(),
  }),
  uniques: [
    { name: 'applications_client_idempotency_key_unique', properties: ['clientId', 'idempotencyKey'] },
  ],
});

export type ApplicationRow = InferEntity<typeof Application>;
