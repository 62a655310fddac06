/**
 * Seeds the local D1 with the demo catalog (idempotent). Demo passwords are generated on first run and
 * kept in .wrangler/demo-accounts.json (git-ignored), so every later `npm start` prints the same ones.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DEMO_ACCOUNTS } from '../schema/seed/demo.ts';
import { demoSeedSql } from '../schema/seed/sql.ts';
import { PERSIST_DIR, run } from './lib.ts';

const CREDENTIALS_FILE = '.wrangler/demo-accounts.json';

export type DemoCredential = { email: string; password: string; role: string };

function demoPasswords(): Record<string, string> {
  if (existsSync(CREDENTIALS_FILE))
    return JSON.parse(readFileSync(CREDENTIALS_FILE, 'utf8')) as Record<string, string>;
  const passwords = Object.fromEntries(
    DEMO_ACCOUNTS.map((a) => [a.key, `reel-${randomBytes(6).toString('base64url')}`]),
  );
  mkdirSync(path.dirname(CREDENTIALS_FILE), { recursive: true });
  writeFileSync(CREDENTIALS_FILE, JSON.stringify(passwords, null, 2), { mode: 0o600 });
  return passwords;
}

/** Executes a SQL file against the local D1 of PERSIST_DIR. */
export function executeLocalSql(sql: string, name: string, persistDir = PERSIST_DIR): void {
  const file = path.join(tmpdir(), `reel-${name}-${process.pid}.sql`);
  writeFileSync(file, sql);
  run('wrangler', ['d1', 'execute', 'DB', '--local', '--persist-to', persistDir, '--file', file], {
    stdio: 'ignore',
  });
}

/** Seeds the demo catalog and returns the demo accounts' credentials. */
export function seedDemo(persistDir = PERSIST_DIR): DemoCredential[] {
  const passwords = demoPasswords();
  executeLocalSql(demoSeedSql(passwords, Date.now()), 'demo-seed', persistDir);
  return DEMO_ACCOUNTS.map((a) => ({ email: a.email, password: passwords[a.key] ?? '', role: a.role }));
}

if (import.meta.main) {
  for (const c of seedDemo()) console.log(`${c.role.padEnd(8)} ${c.email.padEnd(26)} ${c.password}`);
}
