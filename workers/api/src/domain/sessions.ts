import { and, eq, gt } from 'drizzle-orm';
import { type Db, schema } from '../db.ts';
import { newId, randomToken } from '../ids.ts';
import type { Auth } from '../types.ts';
import { keyedDigest } from './digest.ts';

/** Sessions last 30 days from sign-in; `last_seen_at` is refreshed at most once a minute. */
export const SESSION_TTL_MS = 30 * 24 * 60 * 60_000;
const LAST_SEEN_GRANULARITY_MS = 60_000;

export type NewSession = { token: string; session: typeof schema.sessions.$inferSelect };

/** Creates a session and returns the bearer token: the only time it exists unhashed. */
export async function createSession(
  db: Db,
  pepper: string,
  input: { userId: string; deviceLabel: string; now: number },
): Promise<NewSession> {
  const token = randomToken(32);
  const session = {
    id: newId(),
    tokenHash: await keyedDigest(pepper, token),
    userId: input.userId,
    activeProfileId: null,
    deviceLabel: input.deviceLabel,
    createdAt: input.now,
    lastSeenAt: input.now,
    expiresAt: input.now + SESSION_TTL_MS,
  };
  await db.insert(schema.sessions).values(session);
  return { token, session };
}

/** Resolves a bearer token to the user, session and active profile; expired or revoked → null. */
export async function resolveSession(
  db: Db,
  pepper: string,
  token: string,
  now: number,
): Promise<Omit<Auth, 'via'> | null> {
  const tokenHash = await keyedDigest(pepper, token);
  const rows = await db
    .select({ session: schema.sessions, user: schema.users, profile: schema.profiles })
    .from(schema.sessions)
    .innerJoin(schema.users, eq(schema.users.id, schema.sessions.userId))
    .leftJoin(schema.profiles, eq(schema.profiles.id, schema.sessions.activeProfileId))
    .where(and(eq(schema.sessions.tokenHash, tokenHash), gt(schema.sessions.expiresAt, now)))
    .limit(1);
  return rows[0] ?? null;
}

/** Whether `last_seen_at` is stale enough to be worth a write. */
export const needsTouch = (lastSeenAt: number, now: number) => now - lastSeenAt >= LAST_SEEN_GRANULARITY_MS;

export async function touchSession(db: Db, sessionId: string, now: number): Promise<void> {
  await db.update(schema.sessions).set({ lastSeenAt: now }).where(eq(schema.sessions.id, sessionId));
}

const BROWSERS: [RegExp, string][] = [
  [/Edg\//, 'Edge'],
  [/Firefox\//, 'Firefox'],
  [/Chrome\/|Chromium\//, 'Chrome'],
  [/Safari\//, 'Safari'],
];
const SYSTEMS: [RegExp, string][] = [
  [/Android/, 'Android'],
  [/iPhone|iPad/, 'iOS'],
  [/Windows/, 'Windows'],
  [/Mac OS X/, 'macOS'],
  [/Linux/, 'Linux'],
];
const firstMatch = (table: [RegExp, string][], ua: string) => table.find(([re]) => re.test(ua))?.[1];

/** A short device label from the User-Agent ("Chrome on Linux"), shown in the session list. */
export function deviceLabelFrom(userAgent: string | undefined, explicit?: string): string {
  if (explicit) return explicit.slice(0, 80);
  const ua = userAgent ?? '';
  const browser = firstMatch(BROWSERS, ua);
  const os = firstMatch(SYSTEMS, ua);
  if (browser && os) return `${browser} on ${os}`;
  return browser ?? os ?? (ua.slice(0, 40) || 'Unknown device');
}
