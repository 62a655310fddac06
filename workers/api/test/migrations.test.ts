import { applyD1Migrations, env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';

const db = env.MIGRATION_DB;
const migrations = env.TEST_MIGRATIONS;

async function userTables(): Promise<string[]> {
  const rows = await db
    .prepare(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%' AND name != 'd1_migrations'",
    )
    .all<{ name: string }>();
  return rows.results.map((r) => r.name);
}

async function rowCounts(): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const t of await userTables()) {
    const row = await db.prepare(`SELECT count(*) AS n FROM "${t}"`).first<{ n: number }>();
    counts[t] = row?.n ?? 0;
  }
  return counts;
}

/** Drops everything (children before parents: retry until none is left). */
async function resetDatabase(): Promise<void> {
  for (let round = 0; round < 10; round++) {
    const tables = [...(await userTables()), 'd1_migrations'];
    if (tables.length === 1) break;
    for (const t of tables)
      await db
        .prepare(`DROP TABLE IF EXISTS "${t}"`)
        .run()
        .catch(() => undefined);
  }
}

/** Runs each seed statement that the schema (and reference data) at this point in history can take. */
async function populate(): Promise<void> {
  for (const statement of env.TEST_SEED_SQL.split(';\n')) {
    await db
      .prepare(statement)
      .run()
      .catch((err: unknown) => {
        if (!/no such (table|column)|has no column|FOREIGN KEY constraint failed/.test(String(err)))
          throw err;
      });
  }
}

describe('migrations', () => {
  it('has migrations to replay', () => {
    expect(migrations.length).toBeGreaterThanOrEqual(2);
  });

  // For every point k in history: apply the first k migrations, populate, apply the rest, lose nothing.
  it.each(migrations.slice(1).map((m, i) => [m.name, i + 1] as const))(
    'applying %s onto a populated database keeps every row',
    async (_name, k) => {
      await resetDatabase();
      await applyD1Migrations(db, migrations.slice(0, k));
      await populate();
      const before = await rowCounts();
      expect(Object.values(before).reduce((a, b) => a + b, 0)).toBeGreaterThan(10);
      await applyD1Migrations(db, migrations);
      const after = await rowCounts();
      for (const [table, n] of Object.entries(before))
        expect(after[table] ?? 0, table).toBeGreaterThanOrEqual(n);
    },
  );
});
