/** The command line is wrong: exit 2 with a hint to read the usage. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/**
 * The API answered with an error status. `lines` explain it (the problem's title and detail, then
 * each invalid field). Server faults and throttling may pass; a refused request will not.
 */
export class ApiRefusedError extends Error {
  override readonly name = 'ApiRefusedError';
  readonly status: number;
  readonly lines: readonly string[];
  readonly retriable: boolean;

  constructor(status: number, lines: readonly string[]) {
    super(lines[0] ?? `HTTP ${status}`);
    this.status = status;
    this.lines = lines;
    this.retriable = status >= 500 || status === 429;
  }
}

/** No answer: connection refused, unknown host, or no response before the deadline. */
export class ApiUnreachableError extends Error {
  override readonly name = 'ApiUnreachableError';
  readonly retriable = true;
}

/** The API answered 2xx with a body that does not match the contract. */
export class UnexpectedResponseError extends Error {
  override readonly name = 'UnexpectedResponseError';
  readonly retriable = false;
}

/** Whether trying the same request again may succeed. */
export function isRetriable(error: unknown): boolean {
  return error instanceof ApiRefusedError || error instanceof ApiUnreachableError ? error.retriable : false;
}
