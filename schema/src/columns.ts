import { integer } from 'drizzle-orm/sqlite-core';

/** Milliseconds since the epoch. Every timestamp in Reel's schema is stored this way. */
export const ms = (name: string) => integer(name, { mode: 'number' });

/** SQLite has no boolean: 0/1 with drizzle's boolean mode. */
export const bool = (name: string) => integer(name, { mode: 'boolean' });
