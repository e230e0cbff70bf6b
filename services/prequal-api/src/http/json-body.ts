import { bodyParser } from '@koa/bodyparser';
import type { Context, Next } from 'koa';

function hasStatus(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'status' in error;
}

/**
 * Reads an application/json body into ctx.request.body with @koa/bodyparser, and closes the gaps
 * it leaves, so that every fault is a 4xx a client can act on:
 * - a charset other than UTF-8 is a 415 (JSON is UTF-8, RFC 8259; the parser would read any
 *   bytes as UTF-8 and store garbage);
 * - bytes that are not UTF-8 are a 400 (the parser turns them into U+FFFD, which is refused);
 * - a Content-Encoding is matched case-insensitively (RFC 9110; the parser knows lowercase only),
 *   and a body that is not in it (bad gzip or Brotli) is a 400, not an error without a status;
 * - an empty body is a 400 saying so; any other JSON value than an object reaches the validation,
 *   which names it (422).
 * Sizes are limited after decompression, so a compression bomb is a 413.
 */
export function jsonBody({ limitBytes }: { readonly limitBytes: number }) {
  const parse = bodyParser({
    enableTypes: ['json'],
    jsonLimit: limitBytes,
    jsonStrict: false,
    onError: (error, ctx) => {
      // Errors of the parser and its limits carry their HTTP status; a decompressor's do not.
      if (hasStatus(error)) throw error;
      ctx.throw(400, 'the body could not be decompressed: it is not in its Content-Encoding');
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
      if (raw.includes('\uFFFD')) {
        ctx.throw(400, 'the body is not valid UTF-8 (or carries U+FFFD, the replacement character)');
      }
      await next();
    });
  };
}
