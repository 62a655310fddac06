import type { CatalogQuery, CatalogSort, GenreView, VideoPage } from '@reel/contracts';
import { and, asc, desc, eq, isNotNull, isNull, lte, type SQL, sql } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import { type Db, schema } from '../db.ts';
import type { Auth } from '../types.ts';
import { mayManage } from './channels.ts';
import { type Cursor, type CursorOrder, decodeCursor, pageOf } from './cursor.ts';
import { SUMMARY_COLUMNS, type SummaryRow, toVideoSummary } from './videos.ts';
import { maxAgeRatingFor } from './viewer.ts';

const { videos, videoGenres, genres } = schema;

/** Sort key columns: `newest` is published_at (set when a title first becomes ready). */
const SORT_KEYS: Record<CatalogSort, SQLiteColumn> = {
  newest: videos.publishedAt,
  popular: videos.popularityScore,
  top_rated: videos.ratingScore,
};
const rowKey = (sort: CursorOrder, row: SummaryRow): number => {
  if (sort === 'popular') return row.popularityScore;
  if (sort === 'top_rated') return row.ratingScore;
  if (sort === 'created') return row.createdAt;
  return row.publishedAt ?? 0;
};

/**
 * Rows after `cursor` in (key DESC, id DESC) order. A row-value comparison lets SQLite seek the
 * (status, key, id) index straight to the cursor instead of filtering every earlier row.
 */
const afterCursor = (key: SQLiteColumn, cursor: Cursor | null): SQL | undefined =>
  cursor ? sql`(${key}, ${videos.id}) < (${cursor.key}, ${cursor.id})` : undefined;

export type CatalogFilters = Omit<CatalogQuery, 'cursor'> & { maxAgeRating: number | null };

/**
 * The catalog query: ready, public, not-deleted titles within the age limit. With a genre it is driven
 * from video_genres(genre_id, video_id) (a covering index range for that genre, then a primary-key
 * lookup per title, then a sort of that genre's rows): cost bounded by the genre's size. Left to itself
 * SQLite walks the newest index and probes video_genres per title, which scans the whole catalog for a
 * rare genre; CROSS JOIN pins the join order (sqlite.org/optoverview.html#manual_control_of_join_order).
 */
export function catalogQuery(db: Db, filters: CatalogFilters, cursor: Cursor | null) {
  const key = SORT_KEYS[filters.sort];
  const where = and(
    eq(videos.status, 'ready'),
    eq(videos.visibility, 'public'),
    isNull(videos.deletedAt),
    isNotNull(key),
    filters.maxAgeRating === null ? undefined : lte(videos.ageRating, filters.maxAgeRating),
    filters.year === undefined ? undefined : eq(videos.releaseYear, filters.year),
    filters.language === undefined ? undefined : eq(videos.language, filters.language),
    afterCursor(key, cursor),
  );
  const order = [desc(key), desc(videos.id)];
  if (filters.genre === undefined) {
    return db
      .select(SUMMARY_COLUMNS)
      .from(videos)
      .where(where)
      .orderBy(...order)
      .limit(filters.limit + 1);
  }
  return db
    .select(SUMMARY_COLUMNS)
    .from(videoGenres)
    .crossJoin(videos)
    .where(and(eq(videoGenres.genreId, filters.genre), eq(videos.id, videoGenres.videoId), where))
    .orderBy(...order)
    .limit(filters.limit + 1);
}

/** The lower of the caller's own age limit and the `ageRating` filter. */
function effectiveMaxAge(auth: Auth | null, asked: number | undefined): number | null {
  const own = maxAgeRatingFor(auth);
  if (asked === undefined) return own;
  return own === null ? asked : Math.min(own, asked);
}

/** `GET /api/videos`: one page of the catalog. */
export async function listCatalog(db: Db, auth: Auth | null, query: CatalogQuery): Promise<VideoPage> {
  const cursor = decodeCursor(query.cursor, query.sort);
  const filters = { ...query, maxAgeRating: effectiveMaxAge(auth, query.ageRating) };
  const rows = await catalogQuery(db, filters, cursor);
  const cursorOf = (row: SummaryRow) => ({ order: query.sort, key: rowKey(query.sort, row), id: row.id });
  return pageOf(rows, query.limit, cursorOf, toVideoSummary);
}

/**
 * A channel's videos. Its owner (or an admin) sees every status, newest created first; everyone else
 * sees the ready public titles, newest published first. The age limit binds both.
 */
export async function listChannelVideos(
  db: Db,
  auth: Auth | null,
  channel: { id: string; ownerId: string },
  page: { limit: number; cursor?: string | undefined },
): Promise<VideoPage> {
  const studio = auth !== null && mayManage(auth, channel.ownerId);
  const order: CursorOrder = studio ? 'created' : 'newest';
  const key = studio ? videos.createdAt : videos.publishedAt;
  const cursor = decodeCursor(page.cursor, order);
  const max = maxAgeRatingFor(auth);
  const rows = await db
    .select(SUMMARY_COLUMNS)
    .from(videos)
    .where(
      and(
        eq(videos.channelId, channel.id),
        studio ? undefined : and(eq(videos.status, 'ready'), eq(videos.visibility, 'public')),
        studio ? undefined : and(isNull(videos.deletedAt), isNotNull(videos.publishedAt)),
        max === null ? undefined : lte(videos.ageRating, max),
        afterCursor(key, cursor),
      ),
    )
    .orderBy(desc(key), desc(videos.id))
    .limit(page.limit + 1);
  const cursorOf = (row: SummaryRow) => ({ order, key: rowKey(order, row), id: row.id });
  return pageOf(rows, page.limit, cursorOf, toVideoSummary);
}

export async function listGenres(db: Db): Promise<GenreView[]> {
  return db.select({ id: genres.id, name: genres.name }).from(genres).orderBy(asc(genres.name));
}
