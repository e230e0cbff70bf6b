import type { ApplicationRequest } from './arguments.ts';
import { ApiRefusedError, ApiUnreachableError, UnexpectedResponseError } from './errors.ts';
import { describeRefusal } from './problem.ts';

export interface StatusView {
  readonly application_id: string;
  readonly status: string;
}

export interface ApiClient {
  submit(application: ApplicationRequest): Promise<StatusView>;
  status(applicationId: string): Promise<StatusView>;
  get(applicationId: string): Promise<Record<string, unknown>>;
}

export interface ApiClientOptions {
  readonly apiUrl: string;
  /** Epoch milliseconds after which a request is abandoned. */
  readonly deadline: number;
  readonly fetch: typeof fetch;
  readonly now: () => number;
  /** Sent on every request as `Authorization: Bearer <key>`. */
  readonly apiKey?: string;
}

/** Why fetch failed, in words: undici hides the reason in `cause.code`. */
function reasonOf(error: unknown): string {
  if (error instanceof Error && error.name === 'TimeoutError') return 'no answer before the timeout';
  const cause: unknown = error instanceof Error ? error.cause : undefined;
  const code =
    typeof cause === 'object' && cause !== null && 'code' in cause ? String(cause.code) : undefined;
  if (code === 'ECONNREFUSED') return 'connection refused';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'unknown host';
  if (cause instanceof Error) return cause.message;
  return error instanceof Error ? error.message : String(error);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function asStatusView(body: unknown): StatusView {
  const view = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const { application_id: applicationId, status } = view;
  if (typeof applicationId !== 'string' || typeof status !== 'string') {
    throw new UnexpectedResponseError(`expected {"application_id", "status"}, got ${JSON.stringify(body)}`);
  }
  return { application_id: applicationId, status };
}

/** prequal-api over HTTP: error answers become ApiRefusedError, no answer ApiUnreachableError. */
export function createApiClient(options: ApiClientOptions): ApiClient {
  const base = options.apiUrl.endsWith('/') ? options.apiUrl : `${options.apiUrl}/`;

  async function request(method: 'GET' | 'POST', path: string, body?: unknown): Promise<unknown> {
    const signal = AbortSignal.timeout(Math.max(1, options.deadline - options.now()));
    let status: number;
    let text: string;
    try {
      const response = await options.fetch(new URL(path, base), {
        method,
        headers: {
          accept: 'application/json, application/problem+json',
          ...(options.apiKey === undefined ? {} : { authorization: `Bearer ${options.apiKey}` }),
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? null : JSON.stringify(body),
        signal,
      });
      status = response.status;
      text = await response.text();
    } catch (error) {
      throw new ApiUnreachableError(`cannot reach the API at ${options.apiUrl}: ${reasonOf(error)}`, {
        cause: error,
      });
    }
    const payload = parseJson(text);
    if (status >= 400) throw new ApiRefusedError(status, describeRefusal(status, payload));
    return payload;
  }

  const applicationPath = (applicationId: string): string =>
    `applications/${encodeURIComponent(applicationId)}`;
  return {
    submit: async (application) => asStatusView(await request('POST', 'applications', application)),
    status: async (applicationId) =>
      asStatusView(await request('GET', `${applicationPath(applicationId)}/status`)),
    get: async (applicationId) => {
      const body = await request('GET', applicationPath(applicationId));
      if (typeof body !== 'object' || body === null) {
        throw new UnexpectedResponseError(`expected an application object, got ${JSON.stringify(body)}`);
      }
      return body as Record<string, unknown>;
    },
  };
}
