import type { SQL } from 'drizzle-orm';
import { SQLiteAsyncDialect } from 'drizzle-orm/sqlite-core';
import type { Db } from '../db.ts';

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
