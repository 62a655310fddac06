import { createApp } from './app.ts';
import { runHousekeeping } from './domain/housekeeping.ts';
import { createDb } from './db.ts';

export { StreamLimiter } from './objects/stream-limiter.ts';
export { UploadSession } from './objects/upload-session.ts';

const app = createApp();

export default {
  fetch: app.fetch,
  scheduled(_controller, env, ctx) {
    ctx.waitUntil(runHousekeeping(createDb(env.DB), env.MEDIA, Date.now()));
  },
} satisfies ExportedHandler<Env>;
