import type { CatalogQuery, GenreView, VideoPage } from '@reel/contracts';
import { and, asc, desc, eq, isNotNull, isNull, lte } from 'drizzle-orm';
import { type Db, schema } from '../db.ts';
import type { Auth } from '../types.ts';
import { mayManage } from './channels.ts';
import { afterCursor, type CatalogFilters, catalogRows, searchRows } from './catalog-query.ts';
import { type Cursor, type CursorOrder, decodeCursor, encodeCursor, pageOf } from './cursor.ts';
import { SUMMARY_COLUMNS, type SummaryRow, toVideoSummary } from './videos.ts';
import { maxAgeRatingFor } from './viewer.ts';

const { videos, genres } = schema;

const rowKey = (sort: CursorOrder, row: SummaryRow): number => {
  if (sort === 'popular') return row.popularityScore;
  if (sort === 'top_rated') return row.ratingScore;
  if (sort === 'created') return row.createdAt;
  return row.publishedAt ?? 0;
};

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
  const cursorOf = (row: SummaryRow) => ({ order: query.sort, key: rowKey(query.sort, row), id: row.id });
  if (query.q !== undefined) return searchPage(db, { ...filters, q: query.q }, cursor, cursorOf);
  const rows = await catalogRows(db, filters, cursor);
  return pageOf(rows, query.limit, cursorOf, toVideoSummary);
}

/**
 * A search page: the matches in the scanned window. When they fill a page the cursor follows the last
 * one shown; when the window ran out first, the cursor is the window's last row, so the next request
 * scans on from there (a page may then be short, even empty, with more to come).
 */
async function searchPage(
  db: Db,
  filters: CatalogFilters & { q: string },
  cursor: Cursor | null,
  cursorOf: (row: SummaryRow) => Cursor,
): Promise<VideoPage> {
  const { matches, boundary } = await searchRows(db, filters, cursor);
  if (matches.length > filters.limit || boundary === null) {
    return pageOf(matches, filters.limit, cursorOf, toVideoSummary);
  }
  return { items: matches.map(toVideoSummary), nextCursor: encodeCursor(cursorOf(boundary)) };
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
