import { SCOPES, type Scope } from '../../auth/client.ts';
import type { AnswerHeader } from './answer-headers.ts';
import type { ProblemName } from './problems.ts';

/** A view the document shows by name (components/schemas). */
export type ViewName = 'StatusView' | 'ApplicationView';

/**
 * One operation of the API: where it is, who may call it and what it answers. The router mounts
 * its handler here, the document describes it from here, and the tests check every answer
 * against what this says.
 */
export interface Operation {
  readonly operationId: string;
  readonly method: 'get' | 'post' | 'delete';
  /** The OpenAPI path template; the router's path is derived from it (routerPathOf). */
  readonly path: string;
  readonly summary: string;
  readonly description?: string;
  readonly scope: Scope;
  readonly success: {
    readonly status: 200 | 202 | 204;
    readonly description: string;
    readonly view?: ViewName;
    /** Headers the success always carries, then those it may carry. */
    readonly headers?: readonly AnswerHeader[];
    readonly optionalHeaders?: readonly AnswerHeader[];
  };
  /** The problems of this operation beyond those every operation may answer (EVERY_OPERATION). */
  readonly problems: readonly ProblemName[];
}

/** What any operation may answer: a PAN in a trace header, credentials, scope, rate, failures. */
export const EVERY_OPERATION: readonly ProblemName[] = [
  'personalDataInHeader',
  'unauthenticated',
  'insufficientScope',
  'rateLimited',
  'internal',
  'unavailable',
];

export const OPERATIONS = {
  submitApplication: {
    operationId: 'submitApplication',
    method: 'post',
    path: '/applications',
    summary: 'Submit a loan application',
    description:
      'Stores the application as PENDING and answers at once; the decision follows asynchronously (poll the status). With an Idempotency-Key, a retry is safe.',
    scope: SCOPES.submit,
    success: {
      status: 202,
      description:
        'Accepted: stored as PENDING. A retry with the same Idempotency-Key and body gets 202 again, with the same application id and its current status.',
      view: 'StatusView',
      headers: ['Location'],
      optionalHeaders: ['Idempotent-Replayed'],
    },
    problems: [
      'malformedRequest',
      'invalidIdempotencyKey',
      'idempotencyKeyReused',
      'bodyTooLarge',
      'unsupportedMediaType',
      'invalidApplication',
    ],
  },
  getApplicationStatus: {
    operationId: 'getApplicationStatus',
    method: 'get',
    path: '/applications/{application_id}/status',
    summary: "An application's status",
    scope: SCOPES.read,
    success: { status: 200, description: 'The current status', view: 'StatusView' },
    problems: ['applicationNotFound'],
  },
  getApplication: {
    operationId: 'getApplication',
    method: 'get',
    path: '/applications/{application_id}',
    summary: 'The stored application (PAN masked), with its score and decision once made',
    scope: SCOPES.read,
    success: { status: 200, description: 'The application', view: 'ApplicationView' },
    problems: ['applicationNotFound'],
  },
  eraseApplicationPersonalData: {
    operationId: 'eraseApplicationPersonalData',
    method: 'delete',
    path: '/applications/{application_id}/personal-data',
    summary: "Erase an application's personal data (PAN and name) at once",
    description:
      'Removes the personal data of the application; the application stays, with id, amounts, score, decision and timestamps: GET /applications/{application_id} then shows pan_number and applicant_name null and personal_data_erased_at. Idempotent: erasing again is 204 too. The events on Kafka carry the PAN and name sealed, and expire with their topic (PII_TOPIC_RETENTION_HOURS).',
    scope: SCOPES.erase,
    success: { status: 204, description: 'Erased (now or before)' },
    problems: ['applicationNotFound'],
  },
} as const satisfies Record<string, Operation>;

/** The router's form of a path template: `{application_id}` is `:applicationId`. */
export function routerPathOf(path: string): string {
  return path.replace(
    /\{(\w+)\}/g,
    (_, name: string) => `:${name.replace(/_(\w)/g, (__, c: string) => c.toUpperCase())}`,
  );
}
