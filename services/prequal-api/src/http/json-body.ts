import { bodyParser } from '@koa/bodyparser';
import type { Context, Next } from 'koa';
import { errorProperty } from '@prequal/service-kit';

const NOT_UTF8 = 'the body is not valid UTF-8 (or carries U+FFFD, the replacement character)';

/**
 * A JSON number written with more than 2 decimal places, kept as written: the parser would round it
 * to a double first (1.00000000000000000001 becomes 1), and the money rule must judge what the
 * client sent. It is neither a number nor a string, so the validation refuses it.
 */
export class InexactNumber {
  readonly text: string;
  constructor(text: string) {
    this.text = text;
  }
}

export const NUMBER_TEXT = /^-?\d+(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/;

/** Length of `digits` without its trailing zeros, in one pass (a /0+$/ would backtrack quadratically). */
function significantLength(digits: string): number {
  let end = digits.length;
  while (end > 0 && digits.charCodeAt(end - 1) === 48) end -= 1;
  return end;
}

/** Decimal places of a JSON number as written (1.50 has 1, 1.5e1 none, 1e-3 three). */
export function decimalPlaces(source: string): number {
  const [, fraction = '', exponent = '0'] = NUMBER_TEXT.exec(source) ?? [];
  return Math.max(0, significantLength(fraction) - Number(exponent));
}

/** No application nests: a body deeper than this is refused before anything walks it recursively. */
export const MAX_DEPTH = 8;

/** How deep arrays and objects nest in a JSON text (outside strings), in one pass. */
export function nestingDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (inString) {
      if (code === 92)
        i += 1; // a backslash escapes the next character
      else if (code === 34) inString = false;
    } else if (code === 34) inString = true;
    else if (code === 91 || code === 123) deepest = Math.max(deepest, ++depth);
    else if (code === 93 || code === 125) depth -= 1;
  }
  return deepest;
}

function keepInexactNumbers(_key: string, value: unknown, context?: { source?: string }): unknown {
  const source = context?.source;
  return typeof value === 'number' && source !== undefined && decimalPlaces(source) > 2
    ? new InexactNumber(source)
    : value;
}

/** Whether a body may hold a number with more than 2 decimals (a cheap test before parsing again). */
export const MAY_HOLD_INEXACT_NUMBER = /\.\d{3}|\d[eE]/;

/**
 * Reads an application/json body into ctx.request.body with @koa/bodyparser, and closes the gaps
 * it leaves, so that every fault is a 4xx a client can act on:
 * - a charset other than UTF-8 is a 415 (JSON is UTF-8, RFC 8259; the parser would read any
 *   bytes as UTF-8 and store garbage);
 * - bytes that are not UTF-8 are a 400 (the parser turns them into U+FFFD, which is refused);
 * - a Content-Encoding is matched case-insensitively (RFC 9110; the parser knows lowercase only),
 *   and a body that is not in it (bad gzip or Brotli) is a 400, not an error without a status;
 * - an empty body is a 400 saying so; any other JSON value than an object reaches the validation,
 *   which names it (422);
 * - a number written with more than 2 decimals reaches the validation as written (InexactNumber),
 *   not rounded to a double;
 * - a body nested deeper than MAX_DEPTH is a 400 before anything walks it recursively.
 * Sizes are limited after decompression, so a compression bomb is a 413, and every check is one
 * pass over the body, so no body up to the limit costs more than linear time.
 */
export function jsonBody({ limitBytes }: { readonly limitBytes: number }) {
  const parse = bodyParser({
    enableTypes: ['json'],
    jsonLimit: limitBytes,
    jsonStrict: false,
    onError: (error, ctx) => {
      // Errors of the parser and its limits carry their HTTP status; a decompressor's do not.
      if (errorProperty(error, 'status') === undefined) {
        ctx.throw(400, 'the body could not be decompressed: it is not in its Content-Encoding');
      }
      // Bytes that are not UTF-8 outside a string make the JSON invalid too; say which it was.
      const body = errorProperty(error, 'body');
      if (typeof body === 'string' && body.includes('\uFFFD')) ctx.throw(400, NOT_UTF8);
      throw error;
    },
  });
  return async (ctx: Context, next: Next): Promise<void> => {
    if (!ctx.is('application/json')) ctx.throw(415, 'send the application as application/json');
    const charset = ctx.request.charset;
    if (charset !== '' && !/^utf-?8$/i.test(charset)) {
      ctx.throw(415, `charset ${charset} is not supported; send the JSON as UTF-8`);
    }
    const coding = ctx.get('Content-Encoding');
    if (coding !== '') ctx.req.headers['content-encoding'] = coding.trim().toLowerCase();
    await parse(ctx, async () => {
      const raw = ctx.request.rawBody;
      if (raw.trim() === '') ctx.throw(400, 'the body is empty; send the application as a JSON object');
      if (raw.includes('\uFFFD')) ctx.throw(400, NOT_UTF8);
      if (nestingDepth(raw) > MAX_DEPTH) {
        ctx.throw(
          400,
          `the body nests arrays or objects deeper than ${MAX_DEPTH} levels; an application is one flat object`,
        );
      }
      // Parsed again, only when it may matter, to see numbers as written (bourne has no reviver).
      if (MAY_HOLD_INEXACT_NUMBER.test(raw))
        ctx.request.body = JSON.parse(raw, keepInexactNumbers) as unknown;
      await next();
    });
  };
}
