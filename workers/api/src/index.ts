import { createApp } from './app.ts';
import { runHousekeeping } from './domain/housekeeping.ts';
import { beaconSourceFor } from './domain/qoe-source.ts';
import { rollUpRecent } from './domain/qoe-store.ts';
import { createDb } from './db.ts';
import { pagesRoutes } from './routes/pages.ts';

export { StreamLimiter } from './objects/stream-limiter.ts';
export { UploadSession } from './objects/upload-session.ts';

const app = createApp();

export default {
  fetch(request, env, ctx) {
    // Local development only (DESIGN.md "Shape"): the media worker has no port of its own under `wrangler dev`,
    // so /v/* reaches it through the service binding. Production serves media from its own domain.
    const { pathname } = new URL(request.url);
    if (pathname.startsWith('/v/')) return env.MEDIA_WORKER.fetch(request);
    // App pages with per-title heads and framing rules (wrangler.toml run_worker_first; routes/pages.ts).
    if (pathname.startsWith('/watch/') || pathname.startsWith('/embed/'))
      return pagesRoutes.fetch(request, env, ctx);
    return app.fetch(request, env, ctx);
  },
  scheduled(_controller, env, ctx) {
    const db = createDb(env.DB);
    const now = Date.now();
    ctx.waitUntil(
      Promise.all([runHousekeeping(db, env.MEDIA, now), rollUpRecent(db, beaconSourceFor(env, db), now)]),
    );
  },
} satisfies ExportedHandler<Env>;
