import type Joi from 'joi';
import { applicationRequestSchema } from './contract/application-request.ts';
import { IDEMPOTENCY_KEY, NO_PAN, SAFE_ID } from './contract/headers.ts';
import { jsonSchemaOf } from './contract/json-schema-of.ts';
import { OPERATIONS, type Operation } from './contract/operations.ts';
import { problemSchema } from './contract/problems.ts';
import {
  applicationViewSchema,
  statusViewSchema,
  type ApplicationView,
  type StatusView,
} from './contract/views.ts';
import { answersOf, headerComponents } from './openapi-answers.ts';

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

const APPLICATION_ID = '6b1f3c52-0d4e-4f1a-9b7c-2a8d5e6f7a90';

/** The answer examples, typed by the views (the OpenAPI test validates them against the schemas). */
export const answerExamples: Record<string, StatusView | ApplicationView> = {
  submitApplication: { application_id: APPLICATION_ID, status: 'PENDING' },
  getApplicationStatus: { application_id: APPLICATION_ID, status: 'PRE_APPROVED' },
  getApplication: {
    application_id: APPLICATION_ID,
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
    personal_data_erased_at: null,
  },
};

const traceId = (what: string) => ({
  in: 'header',
  required: false,
  description: `${what} Taken when it matches ${SAFE_ID.source}, else replaced by a new UUID (the answer echoes the one used); one that holds a PAN is refused (400).`,
  schema: { type: 'string', ...NO_PAN },
});

const parameters = {
  ApplicationId: {
    name: 'application_id',
    in: 'path',
    required: true,
    description: 'The id POST /applications gave (a malformed one is a 404, as an unknown one)',
    schema: { type: 'string', format: 'uuid' },
  },
  RequestId: { name: 'X-Request-Id', ...traceId('Identifies this request in the logs.') },
  CorrelationId: {
    name: 'X-Correlation-Id',
    ...traceId('Follows the application through the pipeline: every event it causes and every log line.'),
  },
  IdempotencyKey: {
    name: 'Idempotency-Key',
    in: 'header',
    required: false,
    description:
      'Makes a retry safe: the same key with the same body returns the same application; with a different body, 409. Keys are per client. One that holds a PAN is refused (400).',
    schema: { type: 'string', pattern: IDEMPOTENCY_KEY.source, ...NO_PAN },
  },
};

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

const parameterRef = (name: keyof typeof parameters) => ({ $ref: `#/components/parameters/${name}` });

function operationObject(operation: Operation, bodyLimitBytes: number): object {
  const withId = operation.path.includes('{application_id}');
  return {
    operationId: operation.operationId,
    summary: operation.summary,
    ...(operation.description ? { description: operation.description } : {}),
    tags: ['applications'],
    // Who may call it: a client with its scope, by API key or by access token.
    security: [{ apiKey: [operation.scope] }, { accessToken: [operation.scope] }],
    parameters: [
      ...(withId ? [parameterRef('ApplicationId')] : []),
      parameterRef('RequestId'),
      parameterRef('CorrelationId'),
      ...(operation.method === 'post' ? [parameterRef('IdempotencyKey')] : []),
    ],
    ...(operation.method === 'post'
      ? {
          requestBody: {
            required: true,
            description: `JSON (UTF-8), at most ${bodyLimitBytes} bytes once decompressed (Content-Encoding gzip, deflate or br).`,
            content: {
              'application/json': {
                schema: { $ref: '#/components/schemas/ApplicationRequest' },
                examples: requestExamples,
              },
            },
          },
        }
      : {}),
    responses: answersOf(operation, answerExamples),
  };
}

export interface DocumentOptions {
  /** Where clients reach the API (PUBLIC_BASE_URL). */
  readonly serverUrl: string;
  readonly bodyLimitBytes?: number;
  /** The joi schema of the body (the one the API validates with, unless a test swaps it). */
  readonly requestSchema?: Joi.Schema;
}

/** The OpenAPI 3.1 document, built from the definitions the API runs. */
export function openApiDocument({
  serverUrl,
  bodyLimitBytes = 16_384,
  requestSchema = applicationRequestSchema,
}: DocumentOptions): Record<string, unknown> {
  const paths: Record<string, Record<string, object>> = {};
  for (const operation of Object.values(OPERATIONS)) {
    paths[operation.path] = {
      ...paths[operation.path],
      [operation.method]: operationObject(operation, bodyLimitBytes),
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Loan pre-qualification API',
      version: '1.0.0',
      description:
        "Submit a loan application and poll for its pre-qualification decision. A fast, indicative check, not a loan approval; the CIBIL score is simulated. Money is exact: send rupees as JSON numbers or decimal strings with at most 2 decimal places; answers give them as decimal strings. Every request comes from an authenticated client (an API key or an access token, as a Bearer credential) with the scope its operation needs; a client sees only the applications it submitted (another client's id is a 404, as an unknown one), and its Idempotency-Keys are its own. Answers are never cached (Cache-Control: no-store). Errors are application/problem+json (RFC 9457); a path the API does not know is a 404, a method a path does not take a 405 with Allow.",
    },
    servers: [{ url: serverUrl }],
    tags: [{ name: 'applications', description: 'Loan applications and their pre-qualification decisions' }],
    paths,
    components: {
      schemas: {
        ApplicationRequest: jsonSchemaOf(requestSchema),
        StatusView: statusViewSchema,
        ApplicationView: applicationViewSchema,
        Problem: problemSchema,
      },
      parameters,
      headers: headerComponents(),
      securitySchemes,
    },
  };
}
