import type { SessionView } from '@reel/contracts';
import { and, desc, eq, gt } from 'drizzle-orm';
import { type Db, schema } from '../db.ts';
import type { Session } from '../types.ts';

const iso = (ms: number) => new Date(ms).toISOString();

export const toSessionView = (s: Session, currentId: string): SessionView => ({
  id: s.id,
  deviceLabel: s.deviceLabel,
  createdAt: iso(s.createdAt),
  lastSeenAt: iso(s.lastSeenAt),
  expiresAt: iso(s.expiresAt),
  current: s.id === currentId,
});

/** The user's live sessions, most recently used first (expired rows wait for the cron but are not shown). */
export async function listSessions(db: Db, userId: string, now: number): Promise<Session[]> {
  return db
    .select()
    .from(schema.sessions)
    .where(and(eq(schema.sessions.userId, userId), gt(schema.sessions.expiresAt, now)))
    .orderBy(desc(schema.sessions.lastSeenAt), desc(schema.sessions.id));
}

/**
 * Revokes one of the user's own sessions in one statement; false when no such session belongs to them,
 * so another user's session id is indistinguishable from an unknown one.
 */
export async function revokeSession(db: Db, userId: string, sessionId: string): Promise<boolean> {
  const gone = await db
    .delete(schema.sessions)
    .where(and(eq(schema.sessions.id, sessionId), eq(schema.sessions.userId, userId)))
    .returning({ id: schema.sessions.id });
  return gone.length > 0;
}

/** Signs the user out everywhere. */
export async function revokeAllSessions(db: Db, userId: string): Promise<void> {
  await db.delete(schema.sessions).where(eq(schema.sessions.userId, userId));
}
