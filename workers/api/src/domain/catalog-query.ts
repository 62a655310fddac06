import type { CatalogQuery, CatalogSort } from '@reel/contracts';
import { and, desc, eq, exists, isNotNull, isNull, lte, type SQL, sql } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import { type Db, schema } from '../db.ts';
import type { Cursor } from './cursor.ts';
import { SUMMARY_COLUMNS } from './videos.ts';

const { videos, videoGenres } = schema;

/** Sort keys: `newest` is published_at (set when a title first becomes ready). */
export const SORT_KEYS = {
  newest: { column: videos.publishedAt, field: 'publishedAt' },
  popular: { column: videos.popularityScore, field: 'popularityScore' },
  top_rated: { column: videos.ratingScore, field: 'ratingScore' },
} as const satisfies Record<CatalogSort, { column: SQLiteColumn; field: keyof typeof SUMMARY_COLUMNS }>;

/**
 * How many listed titles a genre page walks in sort order before it gives up and reads the genre's
 * index instead. √(page × catalog) balances the two plans' worst cases (≈ √(25 × 10,000) ≈ 500).
 */
export const GENRE_WALK_WINDOW = 400;

export type CatalogFilters = Omit<CatalogQuery, 'cursor'> & { maxAgeRating: number | null };

/**
 * How many listed titles one search page scans in sort order. A substring match cannot use an index, so
 * the scan is bounded instead: each request reads at most this many rows (twice), whatever `q` is, and a
 * page whose window ran out hands back a cursor to keep scanning (D1 FTS5 search replaces this later).
 */
export const SEARCH_WINDOW = 1000;

/**
 * Rows after `cursor` in (key DESC, id DESC) order. A row-value comparison lets SQLite seek the
 * (status, key, id) index straight to the cursor instead of filtering every earlier row.
 */
export const afterCursor = (key: SQLiteColumn, cursor: Cursor | null): SQL | undefined =>
  cursor ? sql`(${key}, ${videos.id}) < (${cursor.key}, ${cursor.id})` : undefined;

/** What the catalog lists: ready, public, not deleted, within the age limit, matching the filters. */
function listedWhere(filters: CatalogFilters, cursor: Cursor | null): SQL | undefined {
  const key = SORT_KEYS[filters.sort].column;
  return and(
    eq(videos.status, 'ready'),
    eq(videos.visibility, 'public'),
    isNull(videos.deletedAt),
    isNotNull(key),
    filters.maxAgeRating === null ? undefined : lte(videos.ageRating, filters.maxAgeRating),
    filters.year === undefined ? undefined : eq(videos.releaseYear, filters.year),
    filters.language === undefined ? undefined : eq(videos.language, filters.language),
    afterCursor(key, cursor),
  );
}

const ordered = (filters: CatalogFilters) => [desc(SORT_KEYS[filters.sort].column), desc(videos.id)];

/** The catalog without a genre: walks the (status, key, id) index from the cursor. */
export function catalogQuery(db: Db, filters: CatalogFilters, cursor: Cursor | null) {
  return db
    .select(SUMMARY_COLUMNS)
    .from(videos)
    .where(listedWhere(filters, cursor))
    .orderBy(...ordered(filters))
    .limit(filters.limit + 1);
}

/**
 * A genre page driven from video_genres(genre_id, video_id): a covering-index range for the genre, a
 * primary-key lookup per title, then a sort of the genre's titles. Cost grows with the genre's size, so
 * it is the plan for rare genres. CROSS JOIN pins the join order, which SQLite would otherwise pick
 * the other way round (sqlite.org/optoverview.html#manual_control_of_join_order).
 */
export function genreIndexQuery(db: Db, filters: CatalogFilters & { genre: string }, cursor: Cursor | null) {
  return db
    .select(SUMMARY_COLUMNS)
    .from(videoGenres)
    .crossJoin(videos)
    .where(
      and(
        eq(videoGenres.genreId, filters.genre),
        eq(videos.id, videoGenres.videoId),
        listedWhere(filters, cursor),
      ),
    )
    .orderBy(...ordered(filters))
    .limit(filters.limit + 1);
}

/**
 * A genre page found by walking at most GENRE_WALK_WINDOW listed titles in sort order and keeping
 * those in the genre (one covering-index probe each). Cost grows with 1 / the genre's share, so it
 * is the plan for common genres. Every genre title inside the window precedes every one outside it,
 * so when the window yields a full page (limit + 1 rows) that page is exact.
 */
export function genreWalkQuery(db: Db, filters: CatalogFilters & { genre: string }, cursor: Cursor | null) {
  const window = db
    .select(SUMMARY_COLUMNS)
    .from(videos)
    .where(listedWhere(filters, cursor))
    .orderBy(...ordered(filters))
    .limit(GENRE_WALK_WINDOW)
    .as('walk');
  const inGenre = db
    .select({ one: sql`1` })
    .from(videoGenres)
    .where(and(eq(videoGenres.videoId, window.id), eq(videoGenres.genreId, filters.genre)));
  return db
    .select()
    .from(window)
    .where(exists(inGenre))
    .orderBy(desc(window[SORT_KEYS[filters.sort].field]), desc(window.id))
    .limit(filters.limit + 1);
}

/**
 * One catalog page (limit + 1 rows). A genre page tries the bounded walk first and falls back to the
 * genre index when the window held less than a page: ≤ ~2 × 400 rows read whatever the genre's share,
 * where either plan alone reads the whole catalog in its bad case (measured in test/catalog.test.ts).
 */
export async function catalogRows(db: Db, filters: CatalogFilters, cursor: Cursor | null) {
  const { genre } = filters;
  if (genre === undefined) return catalogQuery(db, filters, cursor);
  const walked = await genreWalkQuery(db, { ...filters, genre }, cursor);
  if (walked.length > filters.limit) return walked;
  return genreIndexQuery(db, { ...filters, genre }, cursor);
}

/** `%q%` for LIKE with `\` as the escape character, so `%` and `_` in what people type match literally. */
export const likePattern = (q: string): string => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * One search page: titles whose name contains `q` (SQLite's LIKE folds ASCII case only) among the next
 * SEARCH_WINDOW listed titles after the cursor, plus the window's last row when the window was full, which
 * is where the next page must continue scanning when this one found less than a page.
 */
export async function searchRows(db: Db, filters: CatalogFilters & { q: string }, cursor: Cursor | null) {
  const { matches, boundary } = searchQueries(db, filters, cursor);
  const [found, last] = await db.batch([matches, boundary]);
  return { matches: found, boundary: last[0] ?? null };
}

/** The two statements of a search page (exported so tests can read their query plans). */
export function searchQueries(db: Db, filters: CatalogFilters & { q: string }, cursor: Cursor | null) {
  const window = db
    .select(SUMMARY_COLUMNS)
    .from(videos)
    .where(listedWhere(filters, cursor))
    .orderBy(...ordered(filters))
    .limit(SEARCH_WINDOW)
    .as('scan');
  const { genre } = filters;
  const inGenre =
    genre === undefined
      ? undefined
      : exists(
          db
            .select({ one: sql`1` })
            .from(videoGenres)
            .where(and(eq(videoGenres.videoId, window.id), eq(videoGenres.genreId, genre))),
        );
  const matches = db
    .select()
    .from(window)
    .where(and(sql`${window.title} LIKE ${likePattern(filters.q)} ESCAPE '\\'`, inGenre))
    .orderBy(desc(window[SORT_KEYS[filters.sort].field]), desc(window.id))
    .limit(filters.limit + 1);
  const boundary = db
    .select(SUMMARY_COLUMNS)
    .from(videos)
    .where(listedWhere(filters, cursor))
    .orderBy(...ordered(filters))
    .limit(1)
    .offset(SEARCH_WINDOW - 1);
  return { matches, boundary };
}
