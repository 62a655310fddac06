import type { BatchItem } from 'drizzle-orm/batch';
import { getTableColumns, type SQL, type Table } from 'drizzle-orm';
import { SQLiteAsyncDialect } from 'drizzle-orm/sqlite-core';
import type { Db } from '../db.ts';

/** D1 binds at most 100 parameters per statement (TOOLCHAIN.md): rows per multi-row insert. */
export const rowsPerInsert = (table: Table): number =>
  Math.max(1, Math.floor(100 / Object.keys(getTableColumns(table)).length));

/** Splits `items` into slices of at most `size`. */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** The message of an error and of every `cause` below it (drizzle wraps D1's errors). */
function messages(err: unknown): string {
  const parts: string[] = [];
  for (let e: unknown = err; e instanceof Error && parts.length < 5; e = e.cause) parts.push(e.message);
  if (parts.length === 0) parts.push(String(err));
  return parts.join('\n');
}

/** Whether `err` is SQLite's unique-constraint failure on `target` (`table.column`, as SQLite names it). */
export const isUniqueViolation = (err: unknown, target: string): boolean =>
  messages(err).includes(`UNIQUE constraint failed: ${target}`);

/** A statement list as `db.batch` wants it: a non-empty tuple. */
export type Statements = [BatchItem<'sqlite'>, ...BatchItem<'sqlite'>[]];

const dialect = new SQLiteAsyncDialect();

/**
 * Runs drizzle `sql` fragments as ONE D1 batch (one SQLite transaction) and returns each statement's rows.
 * drizzle's own `db.batch` takes only query builders, but the lease-guarded statements here are
 * `INSERT … SELECT … WHERE` and `UPDATE … RETURNING` that read clearer as SQL.
 */
export async function batchSql(db: Db, statements: SQL[]): Promise<Record<string, unknown>[][]> {
  const d1 = db.$client;
  const prepared = statements.map((s) => {
    const q = dialect.sqlToQuery(s);
    return d1.prepare(q.sql).bind(...q.params);
  });
  const results = await d1.batch<Record<string, unknown>>(prepared);
  return results.map((r) => r.results ?? []);
}
