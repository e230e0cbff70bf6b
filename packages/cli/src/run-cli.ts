import { createApiClient, type ApiClient } from './api-client.ts';
import { parseCommand, type Command } from './arguments.ts';
import { ApiRefusedError, ApiUnreachableError, UnexpectedResponseError, UsageError } from './errors.ts';
import { statusLine } from './status-lines.ts';
import { USAGE } from './usage.ts';
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
}

type SubmitCommand = Extract<Command, { name: 'submit' }>;

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

async function execute(command: Command, deps: CliDeps): Promise<number> {
  if (command.name === 'help') {
    deps.out(USAGE.trimEnd());
    return EXIT.ok;
  }
  const startedAt = deps.now();
  const client = createApiClient({
    apiUrl: command.apiUrl,
    deadline: startedAt + command.timeoutMs,
    fetch: deps.fetch,
    now: deps.now,
  });
  switch (command.name) {
    case 'submit':
      return submit(command, client, deps, startedAt);
    case 'status': {
      const { application_id: id, status } = await client.status(command.applicationId);
      deps.out(statusLine(id, status));
      return EXIT.ok;
    }
    case 'get':
      deps.out(JSON.stringify(await client.get(command.applicationId), null, 2));
      return EXIT.ok;
  }
}

/** Prints what went wrong and picks the exit code; an error we do not know is a bug and is thrown. */
function report(error: unknown, err: (line: string) => void): number {
  if (error instanceof UsageError) {
    err(`prequal: ${error.message}\nrun \`prequal --help\` for usage`);
    return EXIT.usage;
  }
  if (error instanceof ApiRefusedError) {
    err(`prequal: the API refused the request: ${error.lines.join('\n')}`);
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
  try {
    return await execute(parseCommand(argv, deps.env), deps);
  } catch (error) {
    return report(error, deps.err);
  }
}
