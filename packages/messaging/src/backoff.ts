export interface BackoffOptions {
  readonly initialDelayMs: number;
  readonly maxDelayMs: number;
}

/** Exponential backoff with equal jitter: between half and all of initial * 2^(attempt-1), capped at max. */
export function backoffDelayMs(
  attempt: number,
  { initialDelayMs, maxDelayMs }: BackoffOptions,
  random = Math.random,
): number {
  const ceiling = Math.min(maxDelayMs, initialDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
