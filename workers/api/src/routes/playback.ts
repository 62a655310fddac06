import { createRoute, z } from '@hono/zod-openapi';
import { PlaybackGrant, PlaybackInput, StreamDevice } from '@reel/contracts';
import type { Context } from 'hono';
import { playbackKeyRing } from '../config.ts';
import { endPlayback, heartbeatPlayback, type PlaybackDeps, startPlayback } from '../domain/playback.ts';
import { router } from '../router.ts';
import type { AppEnv } from '../types.ts';
import { errorResponses, IdParams, json, NO_CONTENT, problem } from './openapi.ts';

const tags = ['playback'];

const SessionParams = z.object({
  sessionId: z
    .string()
    .regex(/^[A-Za-z0-9_-]{22}$/, 'must be a playback session id')
    .openapi({ param: { name: 'sessionId', in: 'path' } }),
});

const TooManyStreams = z
  .object({ code: z.literal('too_many_streams'), limit: z.number().int(), devices: z.array(StreamDevice) })
  .openapi('TooManyStreams');

const deps = (c: Context<AppEnv>): PlaybackDeps => ({
  db: c.var.db,
  limiters: c.env.STREAM_LIMITER,
  ring: playbackKeyRing(c.var.config),
  mediaBaseUrl: c.var.config.MEDIA_BASE_URL,
  now: c.var.now,
});

/** Playback sessions (mounted at /api; DESIGN.md "Playback and enforcement"; docs/PLAYBACK.md). */
export const playbackRoutes = router()
  .openapi(
    createRoute({
      method: 'post',
      path: '/videos/{id}/playback',
      tags,
      summary: 'Start playing a title: entitlement, a stream slot and a signed manifest URL',
      description:
        'Public and unlisted titles on the Free plan play signed out (embeds). Caps come from the plan, the ' +
        'title and the account; the optional hints may only lower them. The body may be `{}`.',
      request: {
        params: IdParams,
        body: { required: false, content: { 'application/json': { schema: PlaybackInput } } },
      },
      responses: {
        200: json(PlaybackGrant, 'The signed manifest URL, its expiry and the session to heartbeat'),
        400: problem('`validation_failed`'),
        401: problem('`sign_in_required`: the title needs an account (plan or age rating)'),
        403: problem('`plan_required` (with `requiredPlan`), `age_restricted` or `geo_blocked`'),
        404: problem('`not_found`, also for titles the caller may not see'),
        409: problem('`not_ready`: the title has no published media yet'),
        429: {
          description: '`too_many_streams` with the devices holding every slot, or `rate_limited`',
          content: { 'application/problem+json': { schema: TooManyStreams } },
        },
      },
    }),
    async (c) => {
      const hints = c.req.valid('json') ?? {};
      const grant = await startPlayback(deps(c), {
        videoId: c.req.valid('param').id,
        auth: c.var.auth,
        hints,
        userAgent: c.req.header('user-agent'),
        // Only Cloudflare's edge sets request.cf; tests pass it to fetch. No header can override it.
        country: c.req.raw.cf?.country as string | undefined,
      });
      return c.json(grant, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/playback/{sessionId}/heartbeat',
      tags,
      summary: 'Keep the stream slot (every `heartbeatS`, also while paused)',
      request: { params: SessionParams },
      responses: {
        204: NO_CONTENT,
        404: problem('`not_found`: no such playback session'),
        409: problem('`stream_evicted`: the stream was ended elsewhere or went quiet for 90 s'),
        ...errorResponses(400),
      },
    }),
    async (c) => {
      await heartbeatPlayback(deps(c), c.req.valid('param').sessionId);
      return c.body(null, 204);
    },
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/playback/{sessionId}',
      tags,
      summary: 'End a playback: frees its stream slot and revokes its token for playlists and keys',
      description:
        'Players call it on exit (`fetch` with `keepalive`); an account ends another device’s stream with ' +
        'a `sessionId` from the `too_many_streams` device list.',
      request: { params: SessionParams },
      responses: { 204: NO_CONTENT, 404: problem('`not_found`'), ...errorResponses(400) },
    }),
    async (c) => {
      await endPlayback(deps(c), c.req.valid('param').sessionId);
      return c.body(null, 204);
    },
  );
