import { APPLICATION_STATUSES } from '@prequal/db';
import { applicationRequestSchema, LOAN_TYPES } from '../applications/application-request.ts';
import { IDEMPOTENCY_KEY } from './application-routes.ts';
import { SCOPES, type Scope } from '../auth/client.ts';
import { jsonSchemaOf } from './json-schema-of.ts';

const STATUSES = [...APPLICATION_STATUSES];

/** Request examples with the spec's test PANs; the OpenAPI test checks each passes validation. */
export const requestExamples = {
  preApproved: {
    summary: 'Test PAN 1: CIBIL 790, income covers the instalment: PRE_APPROVED',
    value: {
      pan_number: 'ABCDE1234F',
      applicant_name: 'Asha Verma',
      monthly_income_inr: 100000,
      loan_amount_inr: 200000,
      loan_type: 'PERSONAL',
    },
  },
  rejected: {
    summary: 'Test PAN 2: CIBIL 610: REJECTED',
    value: {
      pan_number: 'FGHIJ5678K',
      monthly_income_inr: '45000.50',
      loan_amount_inr: '500000.00',
      loan_type: 'HOME',
    },
  },
};

const problemSchema = {
  type: 'object',
  required: ['type', 'title', 'status', 'detail'],
  properties: {
    type: { type: 'string', format: 'uri' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    instance: { type: 'string' },
    errors: {
      type: 'array',
      description: 'Every offending field (422 only)',
      items: {
        type: 'object',
        required: ['field', 'message'],
        properties: { field: { type: 'string' }, message: { type: 'string' } },
      },
    },
  },
};

function problem(description: string, example: object) {
  return { description, content: { 'application/problem+json': { schema: problemSchema, example } } };
}

const idParameter = {
  name: 'application_id',
  in: 'path',
  required: true,
  description: 'The id returned by POST /applications',
  schema: { type: 'string', format: 'uuid' },
};

const statusSchema = {
  type: 'object',
  required: ['application_id', 'status'],
  properties: {
    application_id: { type: 'string', format: 'uuid' },
    status: { type: 'string', enum: STATUSES },
  },
};

/** Every route takes and echoes these two ids (a malformed one is replaced by a new UUID). */
const traceParameters = [
  {
    name: 'X-Request-Id',
    in: 'header',
    required: false,
    description:
      'Identifies this request in the logs; up to 64 of A-Z a-z 0-9 . _ : -, else a new one is made.',
    schema: { type: 'string', pattern: '^[A-Za-z0-9._:-]{1,64}$' },
  },
  {
    name: 'X-Correlation-Id',
    in: 'header',
    required: false,
    description:
      'Follows the application through the pipeline: it is carried in the header of every event it causes, and in every log line.',
    schema: { type: 'string', pattern: '^[A-Za-z0-9._:-]{1,64}$' },
  },
];

const traceHeaders = {
  'X-Request-Id': { description: 'The request id, as sent or newly made', schema: { type: 'string' } },
  'X-Correlation-Id': {
    description: 'The correlation id, as sent or newly made',
    schema: { type: 'string' },
  },
};

/** The answers any route can give: the database is down (503, retry), or a bug (500). */
const failures = {
  '500': problem('An unexpected error; it is logged with the request id', {
    type: 'https://prequal.example/problems/internal-error',
    title: 'Internal error',
    status: 500,
    detail: 'the request could not be completed; it has been logged',
  }),
  '503': {
    ...problem(
      'The database cannot be reached or is overloaded just now (no connection within 5 s); nothing was stored. Retry after the given seconds.',
      {
        type: 'https://prequal.example/problems/service-unavailable',
        title: 'Service unavailable',
        status: 503,
        detail: 'the database cannot be reached or is overloaded just now; try again shortly',
      },
    ),
    headers: {
      'Retry-After': { description: 'Seconds to wait before retrying', schema: { type: 'integer' } },
    },
  },
};

/** The answers of every route with application data: credentials, scope, rate. */
const accessFailures = {
  '401': {
    ...problem('No credentials, or credentials that are not valid (unknown, revoked or expired)', {
      type: 'https://prequal.example/problems/unauthenticated',
      title: 'Not authenticated',
      status: 401,
      detail: 'send an API key or access token: Authorization: Bearer <credential>',
    }),
    headers: {
      'WWW-Authenticate': {
        description: 'The Bearer challenge (RFC 6750); error="invalid_token" when credentials were sent',
        schema: { type: 'string' },
      },
    },
  },
  '403': {
    ...problem('The client lacks the scope this operation needs', {
      type: 'https://prequal.example/problems/insufficient-scope',
      title: 'Not allowed',
      status: 403,
      detail: 'this client may not do this: it needs the scope applications:submit',
    }),
    headers: {
      'WWW-Authenticate': {
        description: 'Bearer error="insufficient_scope" with the scope needed',
        schema: { type: 'string' },
      },
    },
  },
  '429': {
    ...problem(
      'The client sent more requests than its limit allows (RATE_LIMIT_REQUESTS per window, per API instance)',
      {
        type: 'https://prequal.example/problems/rate-limited',
        title: 'Too many requests',
        status: 429,
        detail: 'too many requests from this client; try again in 12 s',
      },
    ),
    headers: {
      'Retry-After': { description: 'Seconds until the client may send again', schema: { type: 'integer' } },
    },
  },
};

/** Who may call an operation: a client with `scope`, by API key or by access token. */
function securedBy(scope: Scope) {
  return [{ apiKey: [scope] }, { accessToken: [scope] }];
}

const securitySchemes = {
  apiKey: {
    type: 'http',
    scheme: 'bearer',
    description:
      'An API key of the client (`pqk_…`), from `make client-create`; `make run-native` writes a development key to .stack/dev-api-key. Send `Authorization: Bearer <key>`.',
  },
  accessToken: {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description:
      "An OAuth 2.0 access token (JWT, RFC 9068: typ at+jwt) from the deployment's identity provider, when one is configured: its client_id owns the applications, its scope claim gives the scopes.",
  },
};

const notFound = problem(
  "No application with this id for this client: unknown, malformed, or another client's (the same answer)",
  {
    type: 'https://prequal.example/problems/not-found',
    title: 'Application not found',
    status: 404,
    detail: 'no application 6b1f...',
  },
);

/** The OpenAPI 3.1 document; the request body schema is generated from the joi validation. */
export function openApiDocument(serverUrl: string): Record<string, unknown> {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Loan pre-qualification API',
      version: '1.0.0',
      description:
        "Submit a loan application and poll for its pre-qualification decision. A fast, indicative check, not a loan approval; the CIBIL score is simulated. Money is exact: send rupees as JSON numbers or decimal strings with at most 2 decimal places; responses give them as decimal strings. Every request comes from an authenticated client (an API key or an access token, as a Bearer credential) with the scope its operation needs; a client sees only the applications it submitted (another client's id is a 404, as an unknown one), and its Idempotency-Keys are its own. Answers are never cached (Cache-Control: no-store).",
    },
    servers: [{ url: serverUrl }],
    components: { securitySchemes },
    paths: {
      '/applications': {
        post: {
          operationId: 'submitApplication',
          summary: 'Submit a loan application',
          security: securedBy(SCOPES.submit),
          parameters: [
            ...traceParameters,
            {
              name: 'Idempotency-Key',
              in: 'header',
              required: false,
              description:
                'Makes a retry safe: the same key with the same body returns the same application; with a different body, 409.',
              schema: { type: 'string', pattern: IDEMPOTENCY_KEY.source },
            },
          ],
          requestBody: {
            required: true,
            content: {
              'application/json': {
                schema: jsonSchemaOf(applicationRequestSchema),
                examples: requestExamples,
              },
            },
          },
          responses: {
            '202': {
              description:
                'Accepted: stored as PENDING; the decision follows asynchronously. A retry with the same Idempotency-Key and body gets 202 again, with the same application id and its current status.',
              headers: {
                Location: { description: 'Where to read the application', schema: { type: 'string' } },
                'Idempotent-Replayed': {
                  description:
                    'Present (true) when this answers a retry of an earlier request with the same Idempotency-Key',
                  schema: { type: 'string', enum: ['true'] },
                },
                ...traceHeaders,
              },
              content: {
                'application/json': {
                  schema: statusSchema,
                  example: { application_id: '6b1f3c52-0d4e-4f1a-9b7c-2a8d5e6f7a90', status: 'PENDING' },
                },
              },
            },
            '400': problem(
              'The body is empty, not UTF-8, not valid JSON, has a __proto__ key, or is not in its Content-Encoding; or the Idempotency-Key header is malformed',
              {
                type: 'https://prequal.example/problems/malformed-request',
                title: 'Malformed request',
                status: 400,
                detail: 'the body is not valid JSON',
              },
            ),
            '409': problem('The Idempotency-Key was used before with a different body', {
              type: 'https://prequal.example/problems/idempotency-key-reused',
              title: 'Idempotency key reused',
              status: 409,
              detail: 'this Idempotency-Key was already used with a different application',
            }),
            '413': problem('The body is too large', {
              type: 'https://prequal.example/problems/body-too-large',
              title: 'Body too large',
              status: 413,
              detail: 'the request body is larger than the API accepts',
            }),
            '415': problem(
              'The body is not application/json, or in a charset other than UTF-8, or in a Content-Encoding other than gzip, deflate or br',
              {
                type: 'https://prequal.example/problems/unsupported-media-type',
                title: 'Unsupported media type',
                status: 415,
                detail: 'send the application as application/json',
              },
            ),
            '422': problem('The application breaks a rule; every offending field is listed', {
              type: 'https://prequal.example/problems/invalid-application',
              title: 'Invalid application',
              status: 422,
              detail: 'the application has 1 invalid field(s): pan_number',
              errors: [{ field: 'pan_number', message: 'pan_number is required' }],
            }),
            ...accessFailures,
            ...failures,
          },
        },
      },
      '/applications/{application_id}/status': {
        get: {
          operationId: 'getApplicationStatus',
          summary: "An application's status",
          security: securedBy(SCOPES.read),
          parameters: [idParameter, ...traceParameters],
          responses: {
            '200': {
              description: 'The current status',
              headers: traceHeaders,
              content: {
                'application/json': {
                  schema: statusSchema,
                  example: { application_id: '6b1f3c52-0d4e-4f1a-9b7c-2a8d5e6f7a90', status: 'PRE_APPROVED' },
                },
              },
            },
            '404': notFound,
            ...accessFailures,
            ...failures,
          },
        },
      },
      '/applications/{application_id}': {
        get: {
          operationId: 'getApplication',
          security: securedBy(SCOPES.read),
          summary: 'The stored application (PAN masked), with its score and decision once made',
          parameters: [idParameter, ...traceParameters],
          responses: {
            '200': {
              description: 'The application',
              headers: traceHeaders,
              content: {
                'application/json': {
                  schema: {
                    type: 'object',
                    properties: {
                      application_id: { type: 'string', format: 'uuid' },
                      status: { type: 'string', enum: STATUSES },
                      pan_number: {
                        type: ['string', 'null'],
                        description:
                          'Masked: only the last 4 characters shown; null once personal data is erased',
                      },
                      applicant_name: {
                        type: ['string', 'null'],
                        description: 'null when not given, or once personal data is erased',
                      },
                      monthly_income_inr: { type: 'string', description: 'Decimal string, 2 places' },
                      loan_amount_inr: { type: 'string', description: 'Decimal string, 2 places' },
                      loan_type: { type: ['string', 'null'], enum: [...LOAN_TYPES, null] },
                      cibil_score: { type: ['integer', 'null'], minimum: 300, maximum: 900 },
                      decision_reason: { type: ['string', 'null'] },
                      created_at: { type: 'string', format: 'date-time' },
                      updated_at: { type: 'string', format: 'date-time' },
                      decided_at: { type: ['string', 'null'], format: 'date-time' },
                      personal_data_erased_at: {
                        type: ['string', 'null'],
                        format: 'date-time',
                        description:
                          "When the PAN and name were erased: at the client's request (DELETE), or PII_RETENTION_DAYS after the decision",
                      },
                    },
                  },
                  example: {
                    application_id: '6b1f3c52-0d4e-4f1a-9b7c-2a8d5e6f7a90',
                    status: 'PRE_APPROVED',
                    pan_number: '******234F',
                    applicant_name: 'Asha Verma',
                    monthly_income_inr: '100000.00',
                    loan_amount_inr: '200000.00',
                    loan_type: 'PERSONAL',
                    cibil_score: 790,
                    decision_reason: 'CIBIL score 790 and monthly income above loan amount / 48',
                    created_at: '2026-11-25T10:00:00.000Z',
                    updated_at: '2026-11-25T10:00:00.120Z',
                    decided_at: '2026-11-25T10:00:00.120Z',
                  },
                },
              },
            },
            '404': notFound,
            ...accessFailures,
            ...failures,
          },
        },
        delete: {
          operationId: 'eraseApplicationPersonalData',
          security: securedBy(SCOPES.erase),
          summary: "Erase an application's personal data (PAN and name) at once",
          description:
            'The row keeps id, amounts, score, decision and timestamps; GET then shows pan_number and applicant_name null and personal_data_erased_at. Idempotent: erasing again is 204 too. The events on Kafka carry the PAN and name sealed, and expire with their topic (PII_TOPIC_RETENTION_HOURS).',
          parameters: [idParameter, ...traceParameters],
          responses: {
            '204': { description: 'Erased (now or before)', headers: traceHeaders },
            '404': notFound,
            ...accessFailures,
            ...failures,
          },
        },
      },
    },
  };
}
