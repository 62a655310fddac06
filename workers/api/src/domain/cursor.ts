import { and, eq, lt, or, type SQL } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import { z } from 'zod';
import { ApiError } from '../errors.ts';
import { base64url } from '../ids.ts';

/**
 * Which ordering a cursor belongs to: the catalog sorts, a channel owner's studio list and the
 * per-profile lists. A cursor handed out by one list is refused by every other.
 */
export const CURSOR_ORDERS = [
  'newest',
  'popular',
  'top_rated',
  'created',
  'history',
  'ratings',
  'watchlist',
] as const;
export type CursorOrder = (typeof CURSOR_ORDERS)[number];

/** A position in a list sorted by (key DESC, id DESC): the last row a page showed. */
export type Cursor = { order: CursorOrder; key: number; id: string };

const CursorJson = z.strictObject({
  o: z.enum(CURSOR_ORDERS),
  k: z.number().finite(),
  i: z.string().regex(/^[A-Za-z0-9_-]{16}$/),
});

/** The opaque `cursor` (DESIGN.md "Pagination"): base64url JSON of the sort key and id. */
export function encodeCursor(cursor: Cursor): string {
  const json = JSON.stringify({ o: cursor.order, k: cursor.key, i: cursor.id });
  return base64url(new TextEncoder().encode(json));
}

const invalidCursor = () =>
  new ApiError(
    400,
    'invalid_cursor',
    'The cursor is not one this list handed out; start from the first page',
    {
      errors: [{ path: 'query.cursor', message: 'is not a cursor this list handed out' }],
    },
  );

function parseJson(raw: string): unknown {
  if (!/^[A-Za-z0-9_-]*$/.test(raw)) return undefined;
  try {
    const bin = atob(raw.replaceAll('-', '+').replaceAll('_', '/'));
    const bytes = Uint8Array.from(bin, (c) => c.charCodeAt(0));
    return JSON.parse(new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes));
  } catch {
    return undefined;
  }
}

/**
 * Decodes a client's cursor for `order`. Garbage, a tampered key or a cursor from another ordering is
 * 400 `invalid_cursor`, never a 500.
 * @example decodeCursor(c.req.valid('query').cursor, 'newest') // null on the first page
 */
export function decodeCursor(raw: string | undefined, order: CursorOrder): Cursor | null {
  if (raw === undefined) return null;
  const parsed = CursorJson.safeParse(parseJson(raw));
  if (!parsed.success || parsed.data.o !== order) throw invalidCursor();
  return { order, key: parsed.data.k, id: parsed.data.i };
}

/** Turns `limit + 1` fetched rows into a page; the extra row only says whether there is a next one. */
export function pageOf<Row, Item>(
  rows: Row[],
  limit: number,
  cursorOf: (row: Row) => Cursor,
  toItem: (row: Row) => Item,
): { items: Item[]; nextCursor: string | null } {
  const shown = rows.slice(0, limit);
  const last = shown.at(-1);
  const nextCursor = rows.length > limit && last !== undefined ? encodeCursor(cursorOf(last)) : null;
  return { items: shown.map(toItem), nextCursor };
}

/** Rows strictly after `after` in (key DESC, id DESC) order; no condition on the first page. */
export function afterCursor(key: SQLiteColumn, id: SQLiteColumn, after: Cursor | null): SQL | undefined {
  if (!after) return undefined;
  return or(lt(key, after.key), and(eq(key, after.key), lt(id, after.id)));
}
