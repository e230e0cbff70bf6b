import helmet from 'koa-helmet';
import nodeHelmet, { type HelmetOptions } from 'helmet';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Context, Next } from 'koa';

const API_HELMET: HelmetOptions = {
  contentSecurityPolicy: {
    useDefaults: false,
    directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
  },
  strictTransportSecurity: false,
};

/** Application data must not sit in a shared cache. */
const NO_STORE = { 'Cache-Control': 'no-store' } as const;

/**
 * Headers an API holding personal data should send, from helmet: no MIME sniffing, no framing, no
 * referrer, a content security policy that lets nothing load (answers are JSON), and no caching of
 * any answer (application data must not sit in a shared cache). The docs page gets its own policy
 * (docsSecurityPolicy). They depend on nothing in the request, so helmet is asked for them once
 * (securityHeaderValues) rather than running its dozen middlewares on every request.
 */
export function securityHeaders() {
  const values = securityHeaderValues();
  return async (ctx: Context, next: Next): Promise<void> => {
    ctx.set(values);
    await next();
  };
}

/**
 * The headers securityHeaders sets on every answer and their values, asked of helmet itself (so
 * that the document lists what a helmet upgrade sends, not what we remember it sends).
 */
export function securityHeaderValues(): Record<string, string> {
  const values: Record<string, string> = { ...NO_STORE };
  const response = {
    setHeader: (name: string, value: unknown) => {
      values[name] = String(value);
    },
    removeHeader: () => undefined,
  };
  // helmet reads nothing of the request: it only sets headers.
  const request = Object.create(null) as IncomingMessage;
  nodeHelmet(API_HELMET)(request, response as unknown as ServerResponse, () => undefined);
  return values;
}

/**
 * The policy of /docs: Swagger UI's own scripts and styles from this server only (it sets styles
 * inline), its images as data: URLs, and requests to this origin and the API's public URL.
 */
export function docsSecurityPolicy(publicBaseUrl: string) {
  return helmet.contentSecurityPolicy({
    useDefaults: false,
    directives: {
      defaultSrc: ["'none'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:'],
      connectSrc: ["'self'", new URL(publicBaseUrl).origin],
      frameAncestors: ["'none'"],
      baseUri: ["'self'"],
      formAction: ["'none'"],
    },
  });
}
