/*
 * Every problem (RFC 9457) the API answers with: its status, title and type, when it is given,
 * and the headers it carries. problem.ts answers with these; the document lists them.
 */

export interface ProblemKind {
  readonly status: number;
  readonly title: string;
  /** The last part of its `type` URI. */
  readonly slug: string;
  /** When it is the answer, for the document. */
  readonly when: string;
  /** Its detail, when that is always the same. */
  readonly detail?: string;
  /** A detail as the API gives it (the document's example). */
  readonly example: string;
  /** Headers it carries besides the ones of every answer. */
  readonly headers?: readonly ('WWW-Authenticate' | 'Retry-After')[];
}

export const PROBLEM_TYPE_BASE = 'https://prequal.example/problems/';

export const PROBLEMS = {
  malformedRequest: {
    status: 400,
    title: 'Malformed request',
    slug: 'malformed-request',
    when: 'The body is empty, not UTF-8, not valid JSON, has a __proto__ key, nests deeper than 8 levels, or is not in its Content-Encoding',
    example: 'the body is not valid JSON',
  },
  invalidIdempotencyKey: {
    status: 400,
    title: 'Invalid Idempotency-Key header',
    slug: 'invalid-idempotency-key',
    when: 'The Idempotency-Key header is empty or malformed',
    example: 'Idempotency-Key must be 1 to 255 visible ASCII characters',
  },
  personalDataInHeader: {
    status: 400,
    title: 'Personal data in a header',
    slug: 'personal-data-in-header',
    when: 'X-Request-Id, X-Correlation-Id or Idempotency-Key holds a PAN (they reach logs and events)',
    example: 'X-Correlation-Id must not contain personal data (it holds a PAN)',
  },
  unauthenticated: {
    status: 401,
    title: 'Not authenticated',
    slug: 'unauthenticated',
    when: 'No credentials, or credentials that are not valid (unknown, revoked or expired)',
    example: 'send an API key or access token: Authorization: Bearer <credential>',
    headers: ['WWW-Authenticate'],
  },
  insufficientScope: {
    status: 403,
    title: 'Not allowed',
    slug: 'insufficient-scope',
    when: 'The client lacks the scope this operation needs',
    example: 'this client may not do this: it needs the scope applications:submit',
    headers: ['WWW-Authenticate'],
  },
  applicationNotFound: {
    status: 404,
    title: 'Application not found',
    slug: 'not-found',
    when: "No application with this id for this client: unknown, malformed, or another client's (the same answer)",
    example: 'no application 6b1f3c52-0d4e-4f1a-9b7c-2a8d5e6f7a90',
  },
  notFound: {
    status: 404,
    title: 'Not found',
    slug: 'not-found',
    when: 'No such path',
    example: 'no route for GET /loans',
  },
  methodNotAllowed: {
    status: 405,
    title: 'Method not allowed',
    slug: 'method-not-allowed',
    when: 'The path does not take this method (the Allow header lists those it takes)',
    example: 'DELETE is not allowed here; allowed: POST',
  },
  idempotencyKeyReused: {
    status: 409,
    title: 'Idempotency key reused',
    slug: 'idempotency-key-reused',
    when: 'The Idempotency-Key was used before with a different body',
    example:
      'this Idempotency-Key was already used with a different application; use a new key for a new application',
  },
  bodyTooLarge: {
    status: 413,
    title: 'Body too large',
    slug: 'body-too-large',
    when: 'The body, decompressed, is larger than BODY_LIMIT_BYTES',
    detail: 'the request body is larger than the API accepts',
    example: 'the request body is larger than the API accepts',
  },
  unsupportedMediaType: {
    status: 415,
    title: 'Unsupported media type',
    slug: 'unsupported-media-type',
    when: 'The body is not application/json, or in a charset other than UTF-8, or in a Content-Encoding other than gzip, deflate or br',
    example: 'send the application as application/json',
  },
  invalidApplication: {
    status: 422,
    title: 'Invalid application',
    slug: 'invalid-application',
    when: 'The application breaks a rule; every offending field is listed in errors',
    example: 'the application has 1 invalid field(s): pan_number',
  },
  rateLimited: {
    status: 429,
    title: 'Too many requests',
    slug: 'rate-limited',
    when: 'The client sent more requests than its limit allows (RATE_LIMIT_REQUESTS per window, per API instance)',
    example: 'too many requests from this client; try again in 12 s',
    headers: ['Retry-After'],
  },
  internal: {
    status: 500,
    title: 'Internal error',
    slug: 'internal-error',
    when: 'An unexpected error; it is logged with the request id',
    detail: 'the request could not be completed; it has been logged',
    example: 'the request could not be completed; it has been logged',
  },
  unavailable: {
    status: 503,
    title: 'Service unavailable',
    slug: 'service-unavailable',
    when: 'The database cannot be reached or is overloaded just now (no connection within 5 s); nothing was stored. Retry after the given seconds (with the same Idempotency-Key)',
    detail: 'the database cannot be reached or is overloaded just now; try again shortly',
    example: 'the database cannot be reached or is overloaded just now; try again shortly',
    headers: ['Retry-After'],
  },
} as const satisfies Record<string, ProblemKind>;

export type ProblemName = keyof typeof PROBLEMS;

/** Our errors' codes (AppError.code) and the problems they are. */
export const PROBLEM_OF_CODE: Readonly<Record<string, ProblemName>> = {
  INVALID_APPLICATION: 'invalidApplication',
  APPLICATION_NOT_FOUND: 'applicationNotFound',
  IDEMPOTENCY_KEY_REUSED: 'idempotencyKeyReused',
  INVALID_IDEMPOTENCY_KEY: 'invalidIdempotencyKey',
  PERSONAL_DATA_IN_HEADER: 'personalDataInHeader',
  UNAUTHENTICATED: 'unauthenticated',
  INSUFFICIENT_SCOPE: 'insufficientScope',
  RATE_LIMITED: 'rateLimited',
};

/** The problems of errors raised by Koa, the body parser or the router, which carry a status. */
export const PROBLEM_OF_STATUS: Readonly<Record<number, ProblemName>> = {
  400: 'malformedRequest',
  404: 'notFound',
  405: 'methodNotAllowed',
  413: 'bodyTooLarge',
  415: 'unsupportedMediaType',
};

export function problemTypeOf(kind: Pick<ProblemKind, 'slug'>): string {
  return `${PROBLEM_TYPE_BASE}${kind.slug}`;
}

/** The body of every problem answer. */
export const problemSchema = {
  type: 'object',
  required: ['type', 'title', 'status', 'detail', 'instance'],
  additionalProperties: false,
  properties: {
    type: { type: 'string', format: 'uri', description: 'What kind of problem it is' },
    title: { type: 'string', description: 'The kind, in words; the same for every problem of a type' },
    status: { type: 'integer', description: 'The HTTP status' },
    detail: { type: 'string', description: 'What was wrong with this request' },
    instance: { type: 'string', format: 'uri-reference', description: 'The path of the request' },
    errors: {
      type: 'array',
      minItems: 1,
      description: 'Every offending field, one message each (422 only)',
      items: {
        type: 'object',
        required: ['field', 'message'],
        additionalProperties: false,
        properties: {
          field: { type: 'string', description: 'The field as sent, or (body) for the body as a whole' },
          message: { type: 'string' },
        },
      },
    },
  },
} as const;
