/** Reel's D1 schema (drizzle). `schema/migrations/` is drizzle-kit's output and D1's `migrations_dir`. */
export * from './src/accounts.ts';
export * from './src/catalog.ts';
export * from './src/engagement.ts';
export * from './src/media.ts';
export * from './src/qoe.ts';
