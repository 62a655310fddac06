import type { BatchItem } from 'drizzle-orm/batch';
import { getTableColumns, type Table } from 'drizzle-orm';

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
