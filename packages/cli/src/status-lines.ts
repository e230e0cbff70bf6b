/** The statuses after which an application no longer changes. */
export const FINAL_STATUSES: readonly string[] = ['PRE_APPROVED', 'REJECTED', 'MANUAL_REVIEW'];

export function isFinalStatus(status: string): boolean {
  return FINAL_STATUSES.includes(status);
}

/** `application <id>: PRE_APPROVED (after 1.3 s)`; the status is always the word after the colon. */
export function statusLine(applicationId: string, status: string, elapsedMs?: number): string {
  const after = elapsedMs === undefined ? '' : ` (after ${(elapsedMs / 1000).toFixed(1)} s)`;
  return `application ${applicationId}: ${status}${after}`;
}

/** The line to print when a poll sees `current`, or undefined when the status has not changed. */
export function statusChangeLine(
  applicationId: string,
  previous: string,
  current: string,
  elapsedMs: number,
): string | undefined {
  return current === previous ? undefined : statusLine(applicationId, current, elapsedMs);
}
