import { describe, expect, it } from 'vitest';
import { findUnsafeMigrations } from './check-migrations.ts';

const init = {
  name: '0000.sql',
  sql: 'CREATE TABLE users (id text);\nCREATE TABLE sessions (user_id text REFERENCES `users`(`id`) ON DELETE cascade);',
};

describe('findUnsafeMigrations', () => {
  it('flags a drizzle-kit rebuild of a referenced table', () => {
    const rebuild = {
      name: '0001.sql',
      sql: 'PRAGMA foreign_keys=OFF;\nCREATE TABLE `__new_users` (id text);\nDROP TABLE `users`;\nALTER TABLE `__new_users` RENAME TO `users`;',
    };
    expect(findUnsafeMigrations([init, rebuild])).toEqual([
      '0001.sql: drops/rebuilds `users`, which other tables reference (cascades on D1)',
    ]);
  });

  it('accepts a rebuild that was hand-edited with deferred foreign keys', () => {
    const reviewed = {
      name: '0001.sql',
      sql: '-- reviewed: table rebuild\nPRAGMA defer_foreign_keys = on;\nDROP TABLE `users`;',
    };
    expect(findUnsafeMigrations([init, reviewed])).toEqual([]);
  });

  it('accepts rebuilding a table nothing references', () => {
    expect(findUnsafeMigrations([init, { name: '0001.sql', sql: 'DROP TABLE `sessions`;' }])).toEqual([]);
  });
});
