import type { PlaybackGrant } from '@reel/contracts';
import { ApiProblem } from '../lib/api.ts';
import { releaseStream, sendHeartbeat } from './playback-api.ts';

/**
 * Why a stream slot was lost: `evicted` (ended from another device, or silent for the lease's 90 s) or
 * `expired` (the token's lifetime ran out, which the API also answers with 409 `stream_evicted`).
 */
export type LostReason = 'evicted' | 'expired';

/**
 * The stream-limit lease of one grant (DESIGN.md "Concurrent streams"): a heartbeat every `heartbeatS`,
 * also while paused, and a release on exit. The lease lives 90 s, so a missed beat (offline, a throttled
 * background tab) is harmless; only a 409/404 answer means the slot is gone.
 */
export class StreamSession {
  private timer: ReturnType<typeof setInterval> | null;
  private done = false;

  constructor(
    readonly grant: PlaybackGrant,
    private readonly onLost: (reason: LostReason) => void,
  ) {
    this.timer = setInterval(() => void this.beat(), grant.heartbeatS * 1000);
  }

  get sessionId() {
    return this.grant.sessionId;
  }

  private async beat(): Promise<void> {
    try {
      await sendHeartbeat(this.grant.sessionId);
    } catch (err) {
      if (this.done || !(err instanceof ApiProblem)) return;
      if (err.status !== 409 && err.status !== 404) return;
      this.stop();
      this.onLost(Date.parse(this.grant.expiresAt) <= Date.now() ? 'expired' : 'evicted');
    }
  }

  private stop(): void {
    this.done = true;
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
  }

  /** Frees the slot (and revokes the token for playlists and keys); idempotent. */
  release(): void {
    if (this.done) return;
    this.stop();
    releaseStream(this.grant.sessionId);
  }
}
