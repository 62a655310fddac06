import { createRoute, z } from '@hono/zod-openapi';
import { embedSize, oembedVideo, titleIdOfUrl } from '../domain/oembed.ts';
import { findPublicTitle } from '../domain/page-meta.ts';
import { ApiError, notFound } from '../errors.ts';
import { router } from '../router.ts';
import { json, problem } from './openapi.ts';

const OEmbedQuery = z.object({
  url: z
    .string()
    .max(2048)
    .openapi({ example: 'https://reel.example/watch/Xy3kQ9mN2pL7vR4t', description: 'A watch or embed URL' }),
  maxwidth: z.coerce.number().int().min(16).max(8192).optional(),
  maxheight: z.coerce.number().int().min(9).max(8192).optional(),
  format: z.string().max(16).optional().openapi({ description: 'Only `json` is implemented' }),
});

const OEmbedVideo = z
  .object({
    type: z.literal('video'),
    version: z.literal('1.0'),
    title: z.string(),
    author_name: z.string().openapi({ description: 'The channel' }),
    provider_name: z.string(),
    provider_url: z.string(),
    html: z.string().openapi({ description: 'An <iframe> of /embed/{id}, 16:9 within maxwidth × maxheight' }),
    width: z.number().int(),
    height: z.number().int(),
    thumbnail_url: z.string().optional(),
    thumbnail_width: z.number().int().optional(),
    thumbnail_height: z.number().int().optional(),
  })
  .openapi('OEmbedVideo');

/** Consumers cache an answer this long; a title made private stops being embeddable within it. */
const MAX_AGE_S = 300;

/** oEmbed 1.0 (https://oembed.com), mounted at /api/oembed: the `video` type for public watch pages. */
export const oembedRoutes = router().openapi(
  createRoute({
    method: 'get',
    path: '/oembed',
    tags: ['embeds'],
    summary: 'oEmbed 1.0 for a watch or embed URL of a public or unlisted title',
    description:
      'Answers the `video` type with an `<iframe>` of `/embed/{id}`, sized to the largest 16:9 box within ' +
      '`maxwidth` × `maxheight` (640 × 360 without them). Pages advertise it with a ' +
      '`<link rel="alternate" type="application/json+oembed">` (oEmbed §4).',
    request: { query: OEmbedQuery },
    responses: {
      200: json(OEmbedVideo, 'The embed'),
      400: problem('`validation_failed`'),
      404: problem('`not_found`: not a URL of ours, or a title that is private, unknown or not ready'),
      501: problem('`format_not_implemented`: only `format=json` is served (oEmbed §2.3.4)'),
    },
  }),
  async (c) => {
    const { url, maxwidth, maxheight, format } = c.req.valid('query');
    if (format !== undefined && format !== 'json') {
      throw new ApiError(501, 'format_not_implemented', `Format "${format}" is not served; use json`);
    }
    const origin = c.var.config.APP_ORIGIN;
    const id = titleIdOfUrl(url, [origin, new URL(c.req.url).origin]);
    const title = id === null ? null : await findPublicTitle(c.var.db, id);
    if (!title) throw notFound('Video');
    c.header('cache-control', `public, max-age=${MAX_AGE_S}`);
    // Public data, fetched by consumers' pages as well as their servers.
    c.header('access-control-allow-origin', '*');
    return c.json(oembedVideo(title, origin, embedSize(maxwidth, maxheight)), 200);
  },
);
