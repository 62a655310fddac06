/**
 * The playback grant of a `/watch/{id}` page, requested while the app boots instead of after the route's
 * and the player's code have loaded: the request runs in parallel with those downloads, which cuts time to
 * first frame (docs/BENCHMARKS.md "Viewer app"). Only the first start of that title consumes it; anything
 * later (a new token, another title) asks the API as usual.
 */
import type { PlaybackGrant } from '@reel/contracts';
import { playbackHints } from './hints.ts';
import { requestGrant } from './playback-api.ts';
import { rememberTabSession } from './tab-sessions.ts';

let early: { videoId: string; grant: Promise<PlaybackGrant> } | null = null;

/** Starts the grant when the app opens on a watch page; anything else is left alone. */
export function startEarlyGrant(path: string): void {
  const videoId = /^\/watch\/([A-Za-z0-9_-]{16})$/.exec(path)?.[1];
  if (!videoId) return;
  const grant = requestGrant(videoId, playbackHints(false));
  // A refusal is handled where the grant is consumed; a grant nobody consumes is still this tab's, so a
  // later start ends it instead of counting it against the stream limit.
  grant.then((g) => rememberTabSession(g.sessionId)).catch(() => undefined);
  early = { videoId, grant };
}

/** The early grant of this title (once), or null. */
export function takeEarlyGrant(videoId: string): Promise<PlaybackGrant> | null {
  if (early?.videoId !== videoId) return null;
  const { grant } = early;
  early = null;
  return grant;
}
