import { drizzle } from 'drizzle-orm/d1';
import * as schema from '../../../schema/index.ts';

/** drizzle over the D1 binding. D1 has no interactive transactions: use `db.batch()` (TOOLCHAIN.md). */
export const createDb = (d1: D1Database) => drizzle(d1, { schema });
export type Db = ReturnType<typeof createDb>;
export { schema };
