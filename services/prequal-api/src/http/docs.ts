import { createReadStream } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import Router from '@koa/router';
import { docsSecurityPolicy } from './security-headers.ts';

// A Map, not an object literal: a name such as "constructor" must not find Object.prototype's.
const ASSETS = new Map([
  ['swagger-ui.css', 'text/css'],
  ['swagger-ui-bundle.js', 'application/javascript'],
  ['swagger-ui-standalone-preset.js', 'application/javascript'],
]);

/*
 * Swagger UI's start, as a script of its own (the page's policy allows no inline script). The
 * Authorize button takes an API key or an access token (the bearer schemes of the document) and
 * keeps it for the page's requests.
 */
const INIT_SCRIPT = `window.ui = SwaggerUIBundle({
  url: '/openapi.json',
  dom_id: '#swagger-ui',
  deepLinking: true,
  persistAuthorization: false,
  presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
  layout: 'StandaloneLayout',
});
`;

const PAGE = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Loan pre-qualification API</title>
  <link rel="stylesheet" href="/docs/assets/swagger-ui.css">
</head>
<body>
  <div id="swagger-ui"></div>
  <script src="/docs/assets/swagger-ui-bundle.js"></script>
  <script src="/docs/assets/swagger-ui-standalone-preset.js"></script>
  <script src="/docs/assets/init.js"></script>
</body>
</html>`;

/** `/openapi.json` and a browsable `/docs` page (Swagger UI, served locally, no CDN). */
export function docsRouter(document: Record<string, unknown>, publicBaseUrl: string): Router {
  const router = new Router();
  const assetDir = path.dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
  router.get('/openapi.json', (ctx) => {
    ctx.body = document;
  });
  router.get('/docs', docsSecurityPolicy(publicBaseUrl), (ctx) => {
    ctx.type = 'text/html';
    ctx.body = PAGE;
  });
  router.get('/docs/assets/:file', (ctx) => {
    const file = ctx.params.file ?? '';
    if (file === 'init.js') {
      ctx.type = 'application/javascript';
      ctx.body = INIT_SCRIPT;
      return;
    }
    const type = ASSETS.get(file);
    if (!type) return;
    ctx.type = type;
    ctx.set('Cache-Control', 'public, max-age=86400');
    ctx.body = createReadStream(path.join(assetDir, file));
  });
  return router;
}
