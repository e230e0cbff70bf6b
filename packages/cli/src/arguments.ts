import { parseArgs } from 'node:util';
import type { Credential } from './credential.ts';
import { UsageError } from './errors.ts';
import { moneyValue } from './money-value.ts';

export const DEFAULT_API_URL = 'http://localhost:3000';
export const DEFAULT_TIMEOUT_SECONDS = 60;

/** The body of POST /applications. */
export interface ApplicationRequest {
  readonly pan_number: string;
  readonly monthly_income_inr: number | string;
  readonly loan_amount_inr: number | string;
  readonly applicant_name?: string;
  readonly loan_type?: string;
}

export interface Connection {
  readonly apiUrl: string;
  /** The whole command (submitting and waiting) ends within this. */
  readonly timeoutMs: number;
  /** From --api-key or PREQUAL_API_KEY; absent when neither gives one (the dev key file may). */
  readonly credential?: Credential;
}

export type Command =
  | { readonly name: 'help' }
  | { readonly name: 'version' }
  | (Connection & {
      readonly name: 'submit';
      readonly application: ApplicationRequest;
      readonly wait: boolean;
    })
  | (Connection & {
      readonly name: 'status' | 'get';
      readonly applicationId: string;
      /** One line of JSON, for scripts (`jq`), instead of the words. */
      readonly json: boolean;
    });

const connectionOptions = {
  url: { type: 'string' },
  timeout: { type: 'string' },
  'api-key': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

const lookupOptions = { ...connectionOptions, json: { type: 'boolean' } } as const;

const submitOptions = {
  ...connectionOptions,
  pan: { type: 'string' },
  income: { type: 'string' },
  amount: { type: 'string' },
  type: { type: 'string' },
  name: { type: 'string' },
  wait: { type: 'boolean' },
} as const;

/** util.parseArgs reports a bad command line as a TypeError with an ERR_PARSE_ARGS_* code. */
function withUsageErrors<T>(parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS')) {
      throw new UsageError(error.message);
    }
    throw error;
  }
}

function apiUrlOf(url: string | undefined, env: Readonly<Record<string, string | undefined>>): string {
  const fromEnv = env.PREQUAL_API_URL?.trim();
  const apiUrl = url ?? (fromEnv === undefined || fromEnv === '' ? DEFAULT_API_URL : fromEnv);
  const parsed = URL.canParse(apiUrl) ? new URL(apiUrl) : undefined;
  if (parsed?.protocol !== 'http:' && parsed?.protocol !== 'https:') {
    throw new UsageError(`--url must be an http(s) URL, got ${JSON.stringify(apiUrl)}`);
  }
  return apiUrl;
}

/** --api-key, else PREQUAL_API_KEY, else none (the dev key file is looked for when the command runs). */
function credentialOf(
  flag: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
): { credential?: Credential } {
  if (flag !== undefined) {
    if (flag.trim() === '') throw new UsageError('--api-key is empty');
    return { credential: { key: flag.trim(), from: '--api-key' } };
  }
  const fromEnv = env.PREQUAL_API_KEY?.trim();
  return fromEnv ? { credential: { key: fromEnv, from: 'PREQUAL_API_KEY' } } : {};
}

function timeoutMsOf(timeout: string | undefined): number {
  if (timeout === undefined) return DEFAULT_TIMEOUT_SECONDS * 1000;
  const seconds = /^\d+(\.\d+)?$/.test(timeout) ? Number(timeout) : 0;
  if (seconds <= 0)
    throw new UsageError(`--timeout is a number of seconds above 0, got ${JSON.stringify(timeout)}`);
  return Math.round(seconds * 1000);
}

function parseSubmit(args: string[], env: Readonly<Record<string, string | undefined>>): Command {
  const { values, positionals } = withUsageErrors(() =>
    parseArgs({ args, options: submitOptions, strict: true, allowPositionals: true }),
  );
  if (values.help) return { name: 'help' };
  if (positionals.length > 0) throw new UsageError(`submit takes options only, got ${positionals.join(' ')}`);
  const { pan, income, amount } = values;
  if (pan === undefined || income === undefined || amount === undefined) {
    const given = { '--pan': pan, '--income': income, '--amount': amount };
    const missing = Object.entries(given).filter(([, value]) => value === undefined);
    throw new UsageError(`submit needs ${missing.map(([flag]) => flag).join(', ')}`);
  }
  return {
    name: 'submit',
    apiUrl: apiUrlOf(values.url, env),
    timeoutMs: timeoutMsOf(values.timeout),
    ...credentialOf(values['api-key'], env),
    wait: values.wait ?? false,
    application: {
      pan_number: pan,
      monthly_income_inr: moneyValue(income),
      loan_amount_inr: moneyValue(amount),
      ...(values.name === undefined ? {} : { applicant_name: values.name }),
      ...(values.type === undefined ? {} : { loan_type: values.type }),
    },
  };
}

function parseLookup(
  name: 'status' | 'get',
  args: string[],
  env: Readonly<Record<string, string | undefined>>,
): Command {
  const { values, positionals } = withUsageErrors(() =>
    parseArgs({ args, options: lookupOptions, strict: true, allowPositionals: true }),
  );
  if (values.help) return { name: 'help' };
  const [applicationId, ...extra] = positionals;
  if (applicationId === undefined || extra.length > 0)
    throw new UsageError(`usage: prequal ${name} <application-id>`);
  return {
    name,
    applicationId,
    apiUrl: apiUrlOf(values.url, env),
    timeoutMs: timeoutMsOf(values.timeout),
    ...credentialOf(values['api-key'], env),
    json: values.json ?? false,
  };
}

/** The command a command line asks for; a UsageError says what is wrong with it. */
export function parseCommand(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>> = {},
): Command {
  const [name, ...args] = argv;
  switch (name) {
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      return { name: 'help' };
    case '--version':
    case '-V':
      return { name: 'version' };
    case 'submit':
      return parseSubmit(args, env);
    case 'status':
    case 'get':
      return parseLookup(name, args, env);
    default:
      throw new UsageError(`unknown command ${JSON.stringify(name)}`);
  }
}
