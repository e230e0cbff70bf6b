import { isRetriable } from './errors.ts';
import { isFinalStatus, statusChangeLine } from './status-lines.ts';

export interface WaitOptions {
  readonly applicationId: string;
  /** The status already printed (PENDING, from the submit answer). */
  readonly status: string;
  /** When the command started, for the elapsed time in each line. */
  readonly startedAt: number;
  readonly deadline: number;
  readonly intervalMs: number;
}

export interface WaitDeps {
  readonly readStatus: (applicationId: string) => Promise<string>;
  readonly now: () => number;
  readonly sleep: (ms: number) => Promise<void>;
  readonly print: (line: string) => void;
}

export type WaitOutcome =
  | { readonly decided: true; readonly status: string }
  | { readonly decided: false; readonly status: string; readonly lastError: unknown };

/**
 * Polls the status until it is final or the deadline passes, printing each change. A poll that
 * fails in a way that may pass (API restarting, 5xx) is tried again; any other failure is thrown.
 */
export async function waitForDecision(options: WaitOptions, deps: WaitDeps): Promise<WaitOutcome> {
  let status = options.status;
  let lastError: unknown;
  while (!isFinalStatus(status)) {
    const remaining = options.deadline - deps.now();
    if (remaining <= 0) return { decided: false, status, lastError };
    await deps.sleep(Math.min(options.intervalMs, remaining));
    try {
      const current = await deps.readStatus(options.applicationId);
      lastError = undefined;
      const line = statusChangeLine(options.applicationId, status, current, deps.now() - options.startedAt);
      if (line !== undefined) deps.print(line);
      status = current;
    } catch (error) {
      if (!isRetriable(error)) throw error;
      lastError = error;
    }
  }
  return { decided: true, status };
}
