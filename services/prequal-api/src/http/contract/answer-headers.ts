import { SAFE_ID } from './headers.ts';

/** The realm of our Bearer challenges (RFC 6750). */
export const BEARER_REALM = 'realm="prequal-api"';

export interface HeaderDefinition {
  readonly description: string;
  readonly schema: Record<string, unknown>;
  /** Sent with some answers of its status only (the others always are). */
  readonly optional?: true;
}

/** The headers answers carry, besides the security headers of every answer. */
export const ANSWER_HEADERS = {
  'X-Request-Id': {
    description:
      'The request id: as sent when it was well-formed, else a new UUID (quote it when reporting a problem)',
    schema: { type: 'string', pattern: SAFE_ID.source },
  },
  'X-Correlation-Id': {
    description:
      'The correlation id: as sent when it was well-formed, else a new UUID; it follows the application through every event and log line',
    schema: { type: 'string', pattern: SAFE_ID.source },
  },
  Location: {
    description: 'Where to read the application',
    schema: { type: 'string', format: 'uri-reference', pattern: '^/applications/[^/]+$' },
  },
  'Idempotent-Replayed': {
    description:
      'Present (true) when this answers a retry of an earlier request with the same Idempotency-Key',
    schema: { type: 'string', const: 'true' },
    optional: true,
  },
  'WWW-Authenticate': {
    description:
      'The Bearer challenge (RFC 6750): error="invalid_token" when credentials were sent, error="insufficient_scope" with the scope needed',
    schema: {
      type: 'string',
      pattern: `^Bearer ${BEARER_REALM}(, error="invalid_token"|, error="insufficient_scope", scope="[a-z:]+")?$`,
    },
  },
  'Retry-After': {
    description: 'Seconds to wait before trying again',
    schema: { type: 'integer', minimum: 1 },
  },
} as const satisfies Record<string, HeaderDefinition>;

export type AnswerHeader = keyof typeof ANSWER_HEADERS;
