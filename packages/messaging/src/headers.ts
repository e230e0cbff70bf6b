import type { IHeaders } from 'kafkajs';

/** Headers every event carries. */
export const EVENT_HEADERS = {
  eventId: 'event-id',
  eventType: 'event-type',
  correlationId: 'correlation-id',
} as const;

/** Headers a dead-lettered message gets on top of its original ones. */
export const DEAD_LETTER_HEADERS = {
  originalTopic: 'dlt-original-topic',
  originalPartition: 'dlt-original-partition',
  originalOffset: 'dlt-original-offset',
  consumerGroup: 'dlt-consumer-group',
  errorClass: 'dlt-error-class',
  errorMessage: 'dlt-error-message',
  attempts: 'dlt-attempts',
  failedAt: 'dlt-failed-at',
} as const;

const DEAD_LETTER_HEADER_NAMES: ReadonlySet<string> = new Set(Object.values(DEAD_LETTER_HEADERS));

/** A dead letter's headers without the ones dead-lettering added: the original message's. */
export function originalHeaders(headers: IHeaders): IHeaders {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !DEAD_LETTER_HEADER_NAMES.has(name)));
}

/** A header's value as a string, whichever form kafkajs gives it in. */
export function headerValue(headers: IHeaders | undefined, name: string): string | undefined {
  const value = headers?.[name];
  const first = Array.isArray(value) ? value[0] : value;
  return first === undefined ? undefined : first.toString();
}
