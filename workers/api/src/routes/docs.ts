import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../types.ts';

/** Swagger UI is bundled into the app's static assets at build time (no CDN). */
const DOCS_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Reel API</title>
<link rel="stylesheet" href="/vendor/swagger-ui/swagger-ui.css">
</head>
<body>
<div id="docs"></div>
<script src="/vendor/swagger-ui/swagger-ui-bundle.js"></script>
<script src="/vendor/swagger-ui/init.js"></script>
</body>
</html>`;

/** `/api/openapi.json` (OpenAPI 3.1 generated from the route schemas) and `/api/docs`. */
export function docsRoutes(app: OpenAPIHono<AppEnv>) {
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer' });
  app.openAPIRegistry.registerComponent('securitySchemes', 'cookie', {
    type: 'apiKey',
    in: 'cookie',
    name: '__Host-reel_session',
  });
  app.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'Reel API',
      version: '1.0.0',
      description: 'Errors are RFC 9457 problem+json with a stable `code` and the request id as `instance`.',
    },
    security: [{ bearer: [] }, { cookie: [] }],
  });
  app.get('/docs', (c) =>
    c.html(DOCS_HTML, 200, {
      'content-security-policy': "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'",
    }),
  );
}
