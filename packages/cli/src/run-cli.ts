import { createApiClient, type ApiClient } from './api-client.ts';
import { parseCommand, type Command } from './arguments.ts';
import type { Credential } from './credential.ts';
import { DEV_API_KEY_FILE } from './dev-api-key.ts';
import { ApiRefusedError, ApiUnreachableError, UnexpectedResponseError, UsageError } from './errors.ts';
import { statusLine } from './status-lines.ts';
import { USAGE } from './usage.ts';
import { VERSION } from './version.ts';
import { waitForDecision } from './wait-for-decision.ts';

export const EXIT = { ok: 0, failed: 1, usage: 2, unreachable: 3, timedOut: 4 } as const;

const POLL_INTERVAL_MS = 100;

/** Everything the CLI touches, passed in so tests can run it without a process. */
export interface CliDeps {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly fetch: typeof fetch;
  readonly now: () => number;
  readonly sleep: (ms: number) => Promise<void>;
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
  /** The dev stack's key file, when the command line and the environment give no key. */
  readonly findDevApiKey: () => Promise<Credential | undefined>;
}

type SubmitCommand = Extract<Command, { name: 'submit' }>;
type ApiCommand = Exclude<Command, { name: 'help' | 'version' }>;

/** Submits, prints the id and status; with --wait, follows the application to a final status. */
async function submit(
  command: SubmitCommand,
  client: ApiClient,
  deps: CliDeps,
  startedAt: number,
): Promise<number> {
  const { application_id: id, status } = await client.submit(command.application);
  deps.out(statusLine(id, status));
  if (!command.wait) return EXIT.ok;
  const outcome = await waitForDecision(
    {
      applicationId: id,
      status,
      startedAt,
      deadline: startedAt + command.timeoutMs,
      intervalMs: POLL_INTERVAL_MS,
    },
    {
      readStatus: async (applicationId) => (await client.status(applicationId)).status,
      now: deps.now,
      sleep: deps.sleep,
      print: deps.out,
    },
  );
  if (outcome.decided) return EXIT.ok;
  const lastError = outcome.lastError instanceof Error ? ` (last poll: ${outcome.lastError.message})` : '';
  deps.err(
    `prequal: no final status within ${command.timeoutMs / 1000} s; application ${id} is still ` +
      `${outcome.status}${lastError}. Check again with: prequal status ${id}`,
  );
  return EXIT.timedOut;
}

async function execute(
  command: ApiCommand,
  credential: Credential | undefined,
  deps: CliDeps,
): Promise<number> {
  const startedAt = deps.now();
  const client = createApiClient({
    apiUrl: command.apiUrl,
    deadline: startedAt + command.timeoutMs,
    fetch: deps.fetch,
    now: deps.now,
    ...(credential ? { apiKey: credential.key } : {}),
  });
  switch (command.name) {
    case 'submit':
      return submit(command, client, deps, startedAt);
    case 'status': {
      const view = await client.status(command.applicationId);
      deps.out(command.json ? JSON.stringify(view) : statusLine(view.application_id, view.status));
      return EXIT.ok;
    }
    case 'get': {
      const application = await client.get(command.applicationId);
      deps.out(command.json ? JSON.stringify(application) : JSON.stringify(application, null, 2));
      return EXIT.ok;
    }
  }
}

/** What to do about a refused key: where the one sent came from, or how to give one. */
function apiKeyHint(status: number, credential: Credential | undefined): string {
  if (!credential) {
    return (
      'prequal: the API needs an API key: pass --api-key KEY or set PREQUAL_API_KEY ' +
      `(with the native stack, \`make run-native\` writes one to ${DEV_API_KEY_FILE}, which prequal reads)`
    );
  }
  const refusal = status === 401 ? 'did not accept' : 'does not allow this request with';
  return `prequal: the API ${refusal} the API key from ${credential.from}; pass another with --api-key KEY or PREQUAL_API_KEY`;
}

/** Prints what went wrong and picks the exit code; an error we do not know is a bug and is thrown. */
function report(error: unknown, err: (line: string) => void, credential?: Credential): number {
  if (error instanceof UsageError) {
    err(`prequal: ${error.message}\nrun \`prequal --help\` for usage`);
    return EXIT.usage;
  }
  if (error instanceof ApiRefusedError) {
    err(`prequal: the API refused the request: ${error.lines.join('\n')}`);
    if (error.status === 401 || error.status === 403) err(apiKeyHint(error.status, credential));
    return EXIT.failed;
  }
  if (error instanceof ApiUnreachableError) {
    err(`prequal: ${error.message}`);
    return EXIT.unreachable;
  }
  if (error instanceof UnexpectedResponseError) {
    err(`prequal: unexpected answer from the API: ${error.message}`);
    return EXIT.failed;
  }
  throw error;
}

/** Runs one command line and returns the process exit code. */
export async function runCli(argv: readonly string[], deps: CliDeps): Promise<number> {
  let credential: Credential | undefined;
  try {
    const command = parseCommand(argv, deps.env);
    if (command.name === 'help') {
      deps.out(USAGE.trimEnd());
      return EXIT.ok;
    }
    if (command.name === 'version') {
      deps.out(VERSION);
      return EXIT.ok;
    }
    credential = command.credential ?? (await deps.findDevApiKey());
    return await execute(command, credential, deps);
  } catch (error) {
    return report(error, deps.err, credential);
  }
}
