import { and, eq, inArray, isNull } from 'drizzle-orm';
import { type Db, schema } from '../db.ts';

const { videos, assets } = schema;

/** The facts that decide whether a title has a poster anyone may fetch. */
export type PosterFacts = {
  id: string;
  status: string;
  visibility: string;
  currentAssetId: string | null;
};

/**
 * The poster URL a client should use, versioned by the published asset so a new transcode gets a new URL
 * (and the old one may stay cached for good). Null for titles the image route would refuse (private, not
 * ready, no media yet): clients then draw a placeholder instead of asking for a 404.
 * @example posterUrlOf(row) // '/api/videos/Xy3kQ9mN2pL7vR4t/poster.jpg?v=Qm9vZ2xlQXNzZXQx'
 */
export function posterUrlOf(v: PosterFacts): string | null {
  if (v.status !== 'ready' || v.visibility === 'private' || v.currentAssetId === null) return null;
  return `/api/videos/${v.id}/poster.jpg?v=${v.currentAssetId}`;
}

/**
 * The published asset whose poster may be served without authentication: the title is ready, not
 * deleted, public or unlisted, and has a current asset. Age ratings do not apply: the image is the same
 * for everyone and is cached publicly, and it tells nobody more than the id they already hold.
 */
export async function publicPosterAsset(
  db: Db,
  videoId: string,
): Promise<{ assetId: string; key: string } | null> {
  const [row] = await db
    .select({ assetId: assets.id, prefix: assets.prefix })
    .from(videos)
    .innerJoin(assets, eq(assets.id, videos.currentAssetId))
    .where(
      and(
        eq(videos.id, videoId),
        eq(videos.status, 'ready'),
        isNull(videos.deletedAt),
        inArray(videos.visibility, ['public', 'unlisted']),
      ),
    )
    .limit(1);
  return row ? { assetId: row.assetId, key: `${row.prefix}poster.jpg` } : null;
}

/** A versioned URL names one asset's poster, which never changes: a day of caching (bounded, so a title
 * taken down stops being served from browser caches soon after). Unversioned URLs revalidate sooner. */
export const VERSIONED_CACHE = 'public, max-age=86400';
export const UNVERSIONED_CACHE = 'public, max-age=300';

/** What serving a poster needs: the media bucket, `caches.default` and the request's `waitUntil`. */
export type PosterDeps = { bucket: R2Bucket; cache: Cache; waitUntil: (p: Promise<unknown>) => void };

/**
 * The poster JPEG of a published asset, through the Cache API (keyed by asset, so a new version is a new
 * entry and no key ever needs purging), from R2 on a miss. Null when the asset has no poster.
 */
export async function loadPoster(
  deps: PosterDeps,
  asset: { assetId: string; key: string },
  cacheKey: string,
): Promise<{ body: ReadableStream | null; size: number } | null> {
  const cached = await deps.cache.match(cacheKey).catch(() => undefined);
  if (cached) return { body: cached.body, size: Number(cached.headers.get('content-length') ?? 0) };
  const object = await deps.bucket.get(asset.key);
  if (object === null) return null;
  const [forClient, forCache] = object.body.tee();
  // Stored without the request's headers (no Set-Cookie from the session middleware in a shared cache).
  const stored = new Response(forCache, {
    headers: {
      'content-type': 'image/jpeg',
      'content-length': String(object.size),
      'cache-control': VERSIONED_CACHE,
    },
  });
  deps.waitUntil(deps.cache.put(cacheKey, stored).catch(() => undefined));
  return { body: forClient, size: object.size };
}

/** Whether an If-None-Match header names this ETag (weak comparison, RFC 9110 §13.1.2). */
export function etagMatches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (ifNoneMatch === undefined) return false;
  const strip = (t: string) => t.trim().replace(/^W\//, '');
  return ifNoneMatch.split(',').some((t) => t.trim() === '*' || strip(t) === strip(etag));
}
