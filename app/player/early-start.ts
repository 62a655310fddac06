/**
 * What a `/watch/{id}` page needs before its first frame, started while the app boots instead of after the
 * route's and the player's code have loaded: the playback grant (and, once it arrives, its master
 * playlist: prefetch.ts), the profile's saved position and hls.js (the worker's head preloads its chunk;
 * evaluating it takes the main thread while the requests are on the network). This cuts time to first
 * frame (docs/BENCHMARKS.md "Viewer app"). Only the first start of that title consumes them; anything
 * later (a new token, another title) asks the API as usual.
 */
import type { PlaybackGrant } from '@reel/contracts';
import { hasMse, loadHls } from './hls-loader.ts';
import { playbackHints } from './hints.ts';
import { loadResumePosition } from './history.ts';
import { requestGrant } from './playback-api.ts';
import { prefetchPlaylist } from './prefetch.ts';
import { rememberTabSession } from './tab-sessions.ts';

type Early<T> = { videoId: string; value: Promise<T> } | null;

let grant: Early<PlaybackGrant> = null;
let resume: Early<number | null> = null;

/** Starts them when the app opens on a watch page; anything else is left alone. */
export function startEarlyWatch(path: string, query: URLSearchParams): void {
  const videoId = /^\/watch\/([A-Za-z0-9_-]{16})$/.exec(path)?.[1];
  if (!videoId) return;
  const value = requestGrant(videoId, playbackHints(false));
  // A refusal is handled where the grant is consumed; a grant nobody consumes is still this tab's, so a
  // later start ends it instead of counting it against the stream limit.
  value
    .then((g) => {
      rememberTabSession(g.sessionId);
      prefetchPlaylist(g.manifestUrl);
    })
    .catch(() => undefined);
  grant = { videoId, value };
  // `?t=` wins over the saved position (useResume), so it needs no lookup.
  if (!query.has('t')) resume = { videoId, value: loadResumePosition(videoId) };
  // Only where MSE exists: elsewhere the player plays natively and never needs it (engine.ts).
  if (hasMse()) void loadHls().catch(() => undefined);
}

/** Hands over an early request of this title (once), or null. */
function take<T>(early: Early<T>, videoId: string): Promise<T> | null {
  return early?.videoId === videoId ? early.value : null;
}

export function takeEarlyGrant(videoId: string): Promise<PlaybackGrant> | null {
  const value = take(grant, videoId);
  grant = null;
  return value;
}

export function takeEarlyResume(videoId: string): Promise<number | null> | null {
  const value = take(resume, videoId);
  resume = null;
  return value;
}
