import { createRoute } from '@hono/zod-openapi';
import { QoeQuery, QoeReport } from '@reel/contracts';
import { sinkFor } from '@reel/metrics';
import { deviceClassFrom } from '../domain/entitlement.ts';
import { type QoeScope, qoeReport } from '../domain/qoe-report.ts';
import { BeaconBatch, recordBeacons } from '../domain/qoe-store.ts';
import { videoForWrite } from '../domain/videos.ts';
import type { Db } from '../db.ts';
import { ApiError } from '../errors.ts';
import { requireAuth } from '../middleware/session.ts';
import { router } from '../router.ts';
import type { Auth } from '../types.ts';
import { errorResponses, json, problem } from './openapi.ts';

const tags = ['qoe'];
/** A beacon batch is small; anything larger is not a player talking. */
const MAX_BODY = 64 * 1024;

/** sendBeacon sends text/plain (a CORS-safelisted type), so the body is parsed here rather than by type. */
async function beaconsOf(request: Request) {
  const text = await request.text();
  if (text.length > MAX_BODY) throw new ApiError(413, 'body_too_large', 'A beacon request is at most 64 KiB');
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new ApiError(400, 'malformed_json', 'The request body is not valid JSON');
  }
  const parsed = BeaconBatch.safeParse(body);
  if (!parsed.success) {
    const errors = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
    throw new ApiError(400, 'validation_failed', 'These are not valid beacons', { errors });
  }
  return 'beacons' in parsed.data ? parsed.data.beacons : [parsed.data];
}

/** One title (its owner or an admin), every title (admins), or the caller's own titles. */
async function scopeFor(db: Db, auth: Auth, videoId: string | undefined): Promise<QoeScope> {
  if (videoId) {
    await videoForWrite(db, auth, videoId);
    return { videoId };
  }
  return auth.user.role === 'admin' ? { all: true } : { ownerId: auth.user.id };
}

/** Player QoE beacons and the dashboard's report (mounted at /api; docs/QOE.md). */
export const qoeRoutes = router()
  .openapi(
    createRoute({
      method: 'post',
      path: '/qoe/beacons',
      tags,
      summary: 'Record player QoE beacons (one, or `{beacons: [...]}` up to 50; JSON or text/plain)',
      description:
        'Authenticated by the playback session id each beacon names (as heartbeats are). Nothing but the ' +
        'validated fields is stored; the country comes from the edge, never from the client.',
      responses: {
        202: { description: 'Recorded' },
        400: problem('`validation_failed` or `malformed_json`'),
        404: problem('`not_found`: no beacon names a known playback session of its video'),
        413: problem('`body_too_large`'),
      },
    }),
    async (c) => {
      const beacons = await beaconsOf(c.req.raw);
      const country = c.req.raw.cf?.country;
      await recordBeacons(c.var.db, sinkFor(c.env), beacons, {
        deviceClass: deviceClassFrom(c.req.header('user-agent')),
        country: typeof country === 'string' ? country : undefined,
      });
      return c.body(null, 202);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/qoe',
      tags,
      summary: 'The QoE report from daily rollups: your own titles, every title (admins), or one',
      request: { query: QoeQuery },
      responses: {
        200: json(QoeReport, 'Figures, distributions and flags'),
        ...errorResponses(400, 401, 403, 404),
      },
    }),
    async (c) => {
      const auth = requireAuth(c.var.auth);
      const { videoId, days } = c.req.valid('query');
      const scope = await scopeFor(c.var.db, auth, videoId);
      return c.json(await qoeReport(c.var.db, scope, days, c.var.now), 200);
    },
  );
