import { and, eq, lt, or, type SQL } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import { z } from 'zod';
import { ApiError } from '../errors.ts';
import { base64url } from '../ids.ts';

/** A position in a list sorted by (key DESC, id DESC): the last row a page showed. */
export type Keyset = { key: number; id: string };

const KeysetTuple = z.tuple([z.number().int(), z.string().min(1).max(64)]);

/** The opaque `cursor` clients get back (DESIGN.md "Pagination"): base64url of `[key, id]`. */
export const encodeCursor = (k: Keyset): string =>
  base64url(new TextEncoder().encode(JSON.stringify([k.key, k.id])));

function invalidCursor(): ApiError {
  return new ApiError(400, 'validation_failed', 'Invalid query.cursor', {
    errors: [{ path: 'query.cursor', message: 'is not a cursor this list handed out' }],
  });
}

/** Decodes a cursor; anything not produced by `encodeCursor` is a 400 naming `query.cursor`. */
export function decodeCursor(cursor: string | undefined): Keyset | null {
  if (cursor === undefined) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(atob(cursor.replaceAll('-', '+').replaceAll('_', '/')));
  } catch {
    throw invalidCursor();
  }
  const parsed = KeysetTuple.safeParse(raw);
  if (!parsed.success) throw invalidCursor();
  return { key: parsed.data[0], id: parsed.data[1] };
}

/** Rows strictly after `after` in (key DESC, id DESC) order; no condition on the first page. */
export function afterKeyset(key: SQLiteColumn, id: SQLiteColumn, after: Keyset | null): SQL | undefined {
  if (!after) return undefined;
  return or(lt(key, after.key), and(eq(key, after.key), lt(id, after.id)));
}

/**
 * Turns `limit + 1` fetched rows into a page: the extra row only says whether a next page exists.
 * @example pageFrom(rows, 24, (r) => ({ key: r.updatedAt, id: r.videoId }), toView)
 */
export function pageFrom<Row, Item>(
  rows: Row[],
  limit: number,
  keyOf: (row: Row) => Keyset,
  toItem: (row: Row) => Item,
): { items: Item[]; nextCursor: string | null } {
  const shown = rows.slice(0, limit);
  const last = shown.at(-1);
  const nextCursor = rows.length > limit && last !== undefined ? encodeCursor(keyOf(last)) : null;
  return { items: shown.map(toItem), nextCursor };
}
