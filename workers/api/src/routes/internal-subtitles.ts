import { verifyInternalUrl } from '../domain/source-url.ts';
import { trackKey } from '../domain/subtitles.ts';
import { ApiError, notFound } from '../errors.ts';
import { router } from '../router.ts';

const VIDEO = /^[A-Za-z0-9_-]{1,64}$/;
const LANGUAGE = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;

const REASONS = {
  url_expired: 'This subtitle URL has expired; lease again for a fresh one',
  url_invalid: 'This subtitle URL is not valid',
} as const;

/**
 * `GET /api/internal/subtitles/{videoId}/{language}?exp=&sig=`: a track's stored text for a transcoder.
 * The URL's signature (purpose `reel-subtitle-url`) is the only authentication.
 */
export const internalSubtitlesRoutes = router().get('/:videoId/:language', async (c) => {
  const { videoId, language } = c.req.param();
  if (!VIDEO.test(videoId) || !LANGUAGE.test(language)) throw notFound('Subtitle track');
  const check = await verifyInternalUrl(c.var.config.SERVICE_SIGNING_KEY, 'reel-subtitle-url', {
    videoId,
    name: language,
    exp: c.req.query('exp'),
    sig: c.req.query('sig'),
    now: c.var.now,
  });
  if (!check.ok) throw new ApiError(403, check.reason, REASONS[check.reason]);
  const object = await c.env.MEDIA.get(await trackKey(c.var.db, videoId, language));
  if (!object) throw notFound('Subtitle track');
  return new Response(object.body, {
    headers: {
      // The raw SRT or WebVTT text, as uploaded; the transcoder knows the format by its content.
      'content-type': 'text/plain; charset=utf-8',
      'cache-control': 'private, no-store',
    },
  });
});
