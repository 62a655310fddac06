import { and, eq, inArray, isNull, lte, sql } from 'drizzle-orm';
import { type Db, schema } from '../db.ts';
import { posterUrlOf } from './images.ts';
import { ANONYMOUS_MAX_AGE_RATING } from './viewer.ts';

const { videos, channels, renditions } = schema;

/**
 * What anyone may know about a title without signing in: the facts the watch and embed pages put in their
 * head and the oEmbed endpoint answers with. The same for every visitor, so it never depends on a cookie.
 */
export type PublicTitle = {
  id: string;
  title: string;
  description: string;
  durationS: number | null;
  channelName: string;
  /** Parent origins allowed to frame /embed/{id}; empty = any web origin. */
  embedOrigins: string[];
  /** The public poster image, or null when the title has none (yet). */
  poster: PosterImage | null;
};

/**
 * The poster route under the app's origin (GET /api/videos/{id}/poster.jpg), with its pixel size when known:
 * the transcoder scales the poster to the top rung, so it is the largest video rendition's size.
 */
export type PosterImage = { path: string; size: { width: number; height: number } | null };

/** `WIDTHxHEIGHT` of the largest video rendition of the title's current asset (one correlated subquery). */
const topRungSize = sql<string | null>`(
  SELECT ${renditions.width} || 'x' || ${renditions.height} FROM ${renditions}
  WHERE ${renditions.assetId} = ${videos.currentAssetId} AND ${renditions.kind} = 'video'
  ORDER BY ${renditions.width} * ${renditions.height} DESC LIMIT 1
)`;

function sizeOf(text: string | null): PosterImage['size'] {
  const [width, height] = (text ?? '').split('x').map(Number);
  return width && height ? { width, height } : null;
}

/**
 * The title if a signed-out visitor may see it (ready, not deleted, public or unlisted, rated at most
 * ANONYMOUS_MAX_AGE_RATING, exactly what `GET /api/videos/{id}` shows them), else null. Unknown, private and
 * age-restricted titles are indistinguishable, so no page, header or oEmbed answer leaks their existence.
 */
export async function findPublicTitle(db: Db, id: string): Promise<PublicTitle | null> {
  const [row] = await db
    .select({
      id: videos.id,
      title: videos.title,
      description: videos.description,
      durationS: videos.durationS,
      embedOrigins: videos.embedOrigins,
      channelName: channels.name,
      visibility: videos.visibility,
      currentAssetId: videos.currentAssetId,
      posterSize: topRungSize,
    })
    .from(videos)
    .innerJoin(channels, eq(channels.id, videos.channelId))
    .where(
      and(
        eq(videos.id, id),
        eq(videos.status, 'ready'),
        isNull(videos.deletedAt),
        inArray(videos.visibility, ['public', 'unlisted']),
        lte(videos.ageRating, ANONYMOUS_MAX_AGE_RATING),
      ),
    )
    .limit(1);
  if (!row) return null;
  const { visibility, currentAssetId, posterSize, ...facts } = row;
  const path = posterUrlOf({ id: row.id, status: 'ready', visibility, currentAssetId });
  return { ...facts, poster: path === null ? null : { path, size: sizeOf(posterSize) } };
}

/** Escapes text for an HTML attribute value or element content (HTML Living Standard §13.1.2.3). */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

/** A description short enough for link previews (Open Graph consumers cut around 200 characters). */
export function shortDescription(text: string, max = 200): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/**
 * CSP Level 3 `frame-ancestors` for /embed/{id} (https://www.w3.org/TR/CSP3/#directive-frame-ancestors).
 * A title that is not public: `'none'`. An empty origin list: `*`, which CSP3 §6.7.2.8 matches against any
 * http(s) ancestor but never an opaque one (a sandboxed iframe without allow-same-origin, data:, file:); the
 * embed's postMessage API never posts to `*` either, so such a parent could not talk to the player anyway.
 * Otherwise exactly the listed origins, re-checked here so a bad stored value can never inject a directive.
 */
export function embedFrameAncestors(title: PublicTitle | null): string {
  if (!title) return "frame-ancestors 'none'";
  if (title.embedOrigins.length === 0) return 'frame-ancestors *';
  const origins = title.embedOrigins.filter(isWebOrigin);
  return origins.length > 0 ? `frame-ancestors ${origins.join(' ')}` : "frame-ancestors 'none'";
}

/** The app's own pages may never be framed (clickjacking); only /embed/* relaxes this per title. */
export const NO_FRAMING = "frame-ancestors 'none'";

function isWebOrigin(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === value;
  } catch {
    return false;
  }
}
