/** Copies Swagger UI's bundle from node_modules into app/dist so /api/docs needs no CDN. */
import { copyFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const source = path.dirname(require.resolve('swagger-ui-dist/package.json'));
const target = 'app/dist/vendor/swagger-ui';
mkdirSync(target, { recursive: true });
for (const file of ['swagger-ui-bundle.js', 'swagger-ui.css'])
  copyFileSync(path.join(source, file), path.join(target, file));
