import { createRoute, z } from '@hono/zod-openapi';
import {
  ChannelEnvelope,
  ChannelInput,
  ChannelPatch,
  ChannelView,
  PageQuery,
  VideoPage,
} from '@reel/contracts';
import { listChannelVideos } from '../domain/catalog.ts';
import {
  channelForWrite,
  createChannel,
  findChannel,
  listOwnedChannels,
  toChannelView,
  updateChannel,
} from '../domain/channels.ts';
import { notFound } from '../errors.ts';
import { requireAuth } from '../middleware/session.ts';
import { router } from '../router.ts';
import { body, ERRORS, IdParams, json, errorResponses } from './openapi.ts';

const tags = ['channels'];

/** `GET /api/channels`: the caller's own channels (a creator studio lists their videos per channel). */
const ChannelList = z.object({ channels: z.array(ChannelView) }).openapi('ChannelList');

/** Channels (mounted at /api/channels): any signed-in user may open one and publish on it. */
export const channelsRoutes = router()
  .openapi(
    createRoute({
      method: 'get',
      path: '/',
      tags,
      summary: 'The caller’s own channels, the default first (empty until the first channel or video)',
      responses: { 200: json(ChannelList, 'The caller’s channels'), 401: ERRORS[401] },
    }),
    async (c) => {
      const auth = requireAuth(c.var.auth);
      const owned = await listOwnedChannels(c.var.db, auth.user.id);
      return c.json({ channels: owned.map(toChannelView) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/',
      tags,
      summary: 'Open a channel (the first one a user opens becomes their default)',
      request: { body: body(ChannelInput) },
      responses: {
        201: json(ChannelEnvelope, 'The new channel'),
        ...errorResponses(400, 401, 409, 429),
      },
    }),
    async (c) => {
      const auth = requireAuth(c.var.auth);
      const channel = await createChannel(c.var.db, auth, c.req.valid('json'), c.var.now);
      return c.json({ channel: toChannelView(channel) }, 201);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/{id}',
      tags,
      summary: 'A channel (public view)',
      request: { params: IdParams },
      responses: { 200: json(ChannelEnvelope, 'The channel'), 400: ERRORS[400], 404: ERRORS[404] },
    }),
    async (c) => {
      const channel = await findChannel(c.var.db, c.req.valid('param').id);
      if (!channel) throw notFound('Channel');
      return c.json({ channel: toChannelView(channel) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/{id}',
      tags,
      summary: "Change a channel's handle, name or description (owner or admin)",
      request: { params: IdParams, body: body(ChannelPatch) },
      responses: {
        200: json(ChannelEnvelope, 'The updated channel'),
        ...errorResponses(400, 401, 403, 404, 409),
      },
    }),
    async (c) => {
      const auth = requireAuth(c.var.auth);
      const channel = await channelForWrite(c.var.db, auth, c.req.valid('param').id);
      const updated = await updateChannel(c.var.db, channel, c.req.valid('json'));
      return c.json({ channel: toChannelView(updated) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/{id}/videos',
      tags,
      summary: "A channel's videos: every status for its owner (or an admin), ready public ones for others",
      request: { params: IdParams, query: PageQuery },
      responses: { 200: json(VideoPage, 'One page, newest first'), 400: ERRORS[400], 404: ERRORS[404] },
    }),
    async (c) => {
      const channel = await findChannel(c.var.db, c.req.valid('param').id);
      if (!channel) throw notFound('Channel');
      const page = await listChannelVideos(c.var.db, c.var.auth, channel, c.req.valid('query'));
      return c.json(page, 200);
    },
  );
