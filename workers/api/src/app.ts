import { HTTPException } from 'hono/http-exception';
import { ApiError, problemResponse } from './errors.ts';
import { context } from './middleware/context.ts';
import { session } from './middleware/session.ts';
import { writeLimit } from './middleware/write-limit.ts';
import { authRoutes } from './routes/auth.ts';
import { channelsRoutes } from './routes/channels.ts';
import { docsRoutes } from './routes/docs.ts';
import { engagementRoutes } from './routes/engagement.ts';
import { healthRoutes } from './routes/health.ts';
import { imagesRoutes } from './routes/images.ts';
import { internalRoutes } from './routes/internal.ts';
import { oembedRoutes } from './routes/oembed.ts';
import { playbackRoutes } from './routes/playback.ts';
import { qoeRoutes } from './routes/qoe.ts';
import { profilesRoutes } from './routes/profiles.ts';
import { seriesRoutes } from './routes/series.ts';
import { subtitlesRoutes } from './routes/subtitles.ts';
import { uploadsRoutes } from './routes/uploads.ts';
import { videosRoutes } from './routes/videos.ts';
import { viewerStateRoutes } from './routes/viewer-state.ts';
import { router } from './router.ts';

/** The API worker's Hono app: wiring only. Every route lives under /api. */
export function createApp() {
  const app = router().basePath('/api');
  // Registered before any middleware, so it is a bare Hono route: the benchmarks' baseline.
  app.get('/ping', (c) => c.text('pong'));
  app.use('*', context, session, writeLimit);
  app.route('/', healthRoutes);
  app.route('/auth', authRoutes);
  app.route('/profiles', profilesRoutes);
  app.route('/me', engagementRoutes);
  app.route('/me', viewerStateRoutes);
  app.route('/channels', channelsRoutes);
  app.route('/videos', videosRoutes);
  app.route('/videos', subtitlesRoutes);
  app.route('/videos', imagesRoutes);
  app.route('/', seriesRoutes);
  app.route('/internal', internalRoutes);
  app.route('/', uploadsRoutes);
  app.route('/', playbackRoutes);
  app.route('/', qoeRoutes);
  app.route('/', oembedRoutes);
  docsRoutes(app);

  app.notFound((c) =>
    problemResponse(new ApiError(404, 'not_found', 'No such route'), c.var.requestId ?? crypto.randomUUID()),
  );
  app.onError((err, c) => {
    const requestId = c.var.requestId ?? crypto.randomUUID();
    if (err instanceof ApiError) return problemResponse(err, requestId);
    // hono's body validators throw these before any handler runs: malformed JSON (400), wrong type (415).
    if (err instanceof HTTPException && err.status === 415) {
      return problemResponse(new ApiError(415, 'unsupported_media_type', 'Send a JSON body'), requestId);
    }
    if (err instanceof SyntaxError || (err instanceof HTTPException && err.status === 400)) {
      return problemResponse(
        new ApiError(400, 'malformed_json', 'The request body is not valid JSON'),
        requestId,
      );
    }
    console.error(JSON.stringify({ level: 'error', requestId, message: err.message, stack: err.stack }));
    return problemResponse(
      new ApiError(500, 'internal_error', 'Something went wrong on our side'),
      requestId,
    );
  });
  return app;
}

export type App = ReturnType<typeof createApp>;
