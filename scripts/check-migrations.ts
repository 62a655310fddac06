/**
 * Refuses a migration that rebuilds a table other tables reference, unless it was hand-edited for D1.
 * drizzle-kit rebuilds tables (CREATE __new_x, copy, DROP x, RENAME) with `PRAGMA foreign_keys=OFF`,
 * which D1 ignores: the DROP fires ON DELETE CASCADE and wipes child tables (TOOLCHAIN.md).
 * A hand-edited rebuild must use `PRAGMA defer_foreign_keys = on` and carry `-- reviewed: table rebuild`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const DIR = 'schema/migrations';

/** Tables referenced by a FOREIGN KEY anywhere in the SQL seen so far. */
function referencedTables(sql: string): Set<string> {
  return new Set([...sql.matchAll(/REFERENCES\s+[`"]?(\w+)[`"]?/gi)].map((m) => m[1] ?? ''));
}

/** Tables a migration drops or rebuilds. */
function rebuiltTables(sql: string): string[] {
  const dropped = [...sql.matchAll(/DROP\s+TABLE\s+(?:IF\s+EXISTS\s+)?[`"]?(\w+)[`"]?/gi)].map(
    (m) => m[1] ?? '',
  );
  return dropped.filter((t) => !t.startsWith('__new_'));
}

export function findUnsafeMigrations(files: { name: string; sql: string }[]): string[] {
  const problems: string[] = [];
  let history = '';
  for (const { name, sql } of files) {
    const referenced = referencedTables(history + sql);
    const reviewed =
      /--\s*reviewed:\s*table rebuild/i.test(sql) && /PRAGMA\s+defer_foreign_keys\s*=\s*on/i.test(sql);
    for (const table of rebuiltTables(sql)) {
      if (referenced.has(table) && !reviewed) {
        problems.push(`${name}: drops/rebuilds \`${table}\`, which other tables reference (cascades on D1)`);
      }
    }
    history += `\n${sql}`;
  }
  return problems;
}

if (import.meta.main) {
  const files = readdirSync(DIR)
    .filter((f) => f.endsWith('.sql'))
    .sort()
    .map((name) => ({ name, sql: readFileSync(path.join(DIR, name), 'utf8') }));
  const problems = findUnsafeMigrations(files);
  for (const p of problems) console.error(p);
  if (problems.length) {
    console.error(
      'Hand-edit these for D1 (PRAGMA defer_foreign_keys = on; add "-- reviewed: table rebuild").',
    );
    process.exit(1);
  }
  console.log(`migrations: ${files.length} checked, no unsafe table rebuilds`);
}
