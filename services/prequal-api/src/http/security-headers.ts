import helmet from 'koa-helmet';
import type { Context, Next } from 'koa';

/**
 * Headers an API holding personal data should send, from helmet: no MIME sniffing, no framing, no
 * referrer, a content security policy that lets nothing load (answers are JSON), and no caching of
 * any answer (application data must not sit in a shared cache). The docs page gets its own policy
 * (docsSecurityPolicy).
 */
export function securityHeaders() {
  const headers = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
    },
    strictTransportSecurity: false,
  });
  return async (ctx: Context, next: Next): Promise<void> => {
    ctx.set('Cache-Control', 'no-store');
    await headers(ctx, next);
  };
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
