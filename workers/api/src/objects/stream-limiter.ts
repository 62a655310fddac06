import { DurableObject } from 'cloudflare:workers';

/** DESIGN.md "Concurrent streams": a lease lives 90 s unless a heartbeat (every 30 s, also paused) renews it. */
export const LEASE_TTL_MS = 90_000;
export const HEARTBEAT_S = 30;

export interface StreamLease {
  sessionId: string;
  deviceLabel: string;
  videoId: string;
  startedAt: number;
  lastSeenAt: number;
}

export type AcquireResult = { ok: true } | { ok: false; devices: StreamLease[] };

type LeaseRow = {
  session_id: string;
  device_label: string;
  video_id: string;
  started_at: number;
  last_seen_at: number;
};

const toLease = (r: LeaseRow): StreamLease => ({
  sessionId: r.session_id,
  deviceLabel: r.device_label,
  videoId: r.video_id,
  startedAt: r.started_at,
  lastSeenAt: r.last_seen_at,
});

/**
 * One per account (named by the user id): the account's concurrent-stream leases. Every method runs its SQL
 * synchronously with no await in between, so the count and the insert of `acquire` are one atomic step: two
 * concurrent starts can never both take the last slot.
 */
export class StreamLimiter extends DurableObject<Env> {
  private readonly sql = this.ctx.storage.sql;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.sql.exec(`CREATE TABLE IF NOT EXISTS leases (
      session_id TEXT PRIMARY KEY, device_label TEXT NOT NULL, video_id TEXT NOT NULL,
      started_at INTEGER NOT NULL, last_seen_at INTEGER NOT NULL)`);
  }

  /** Drops leases whose last heartbeat is older than the TTL: they are gone, not merely idle. */
  private sweep(now: number): void {
    this.sql.exec('DELETE FROM leases WHERE last_seen_at <= ?', now - LEASE_TTL_MS);
  }

  private leases(): StreamLease[] {
    return this.sql.exec<LeaseRow>('SELECT * FROM leases ORDER BY started_at').toArray().map(toLease);
  }

  /** Takes a slot for a new playback session, or lists the devices holding all `limit` of them. */
  acquire(lease: Omit<StreamLease, 'lastSeenAt'>, limit: number, now: number): AcquireResult {
    this.sweep(now);
    const held = this.leases();
    if (held.length >= limit) return { ok: false, devices: held };
    this.sql.exec(
      'INSERT INTO leases VALUES (?, ?, ?, ?, ?)',
      lease.sessionId,
      lease.deviceLabel,
      lease.videoId,
      lease.startedAt,
      now,
    );
    return { ok: true };
  }

  /** Renews a lease; false once it is gone (expired or ended from another device): `stream_evicted`. */
  heartbeat(sessionId: string, now: number): boolean {
    this.sweep(now);
    return (
      this.sql.exec('UPDATE leases SET last_seen_at = ? WHERE session_id = ?', now, sessionId).rowsWritten > 0
    );
  }

  /** Ends a lease (the player's exit, or the account ending another device's stream). */
  release(sessionId: string): boolean {
    return this.sql.exec('DELETE FROM leases WHERE session_id = ?', sessionId).rowsWritten > 0;
  }

  list(now: number): StreamLease[] {
    this.sweep(now);
    return this.leases();
  }
}
