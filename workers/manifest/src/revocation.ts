/**
 * The revocation set (DESIGN.md "Playback and enforcement"): read on playlist and key requests, so ending a
 * playback, revoking the login session it came from, deleting the title, or making it private (for viewers who
 * are not its owner) stops existing tokens from getting anything new to play.
 */

export type SessionState = { ok: true } | { ok: false; code: 'token_revoked' | 'token_wrong_video' };

type Row = {
  video_id: string;
  revoked_at: number | null;
  privileged: number;
  login_ok: number;
  status: string;
  visibility: string;
  deleted_at: number | null;
};

const QUERY = `SELECT ps.video_id, ps.revoked_at, ps.privileged,
    (ps.auth_session_id IS NULL OR EXISTS (SELECT 1 FROM sessions s WHERE s.id = ps.auth_session_id)) AS login_ok,
    v.status, v.visibility, v.deleted_at
  FROM playback_sessions ps JOIN videos v ON v.id = ps.video_id
  WHERE ps.id = ?1`;

/** Whether the playback session `sid` of a token for `videoId` may still be served. */
export async function sessionState(db: D1Database, sid: string, videoId: string): Promise<SessionState> {
  const row = await db.prepare(QUERY).bind(sid).first<Row>();
  if (!row) return { ok: false, code: 'token_revoked' };
  // A token signed for one video naming another video's session: only a leaked signing key makes this.
  if (row.video_id !== videoId) return { ok: false, code: 'token_wrong_video' };
  const gone =
    row.revoked_at !== null || row.login_ok === 0 || row.deleted_at !== null || row.status !== 'ready';
  const hidden = row.visibility === 'private' && row.privileged === 0;
  return gone || hidden ? { ok: false, code: 'token_revoked' } : { ok: true };
}
