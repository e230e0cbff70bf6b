import { PAN_ANYWHERE_TEXT } from '@prequal/service-kit';

/** An Idempotency-Key: 1 to 255 visible ASCII characters. */
export const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;

/** A trace id the API takes from a client (else it makes a new one, a UUID, which is one too). */
export const SAFE_ID = /^[A-Za-z0-9._:-]{1,64}$/;

/** The trace headers a client may set; they reach every log line and every event. */
export const TRACE_HEADERS = ['X-Request-Id', 'X-Correlation-Id'] as const;

/** The headers that travel with an application, where a PAN has no place (it is refused, 400). */
export const HEADERS_WITHOUT_PAN = [...TRACE_HEADERS, 'Idempotency-Key'] as const;

/** JSON Schema of a header value that holds no PAN, in any case, anywhere in it. */
export const NO_PAN = { not: { pattern: PAN_ANYWHERE_TEXT } } as const;
