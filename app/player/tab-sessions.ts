/**
 * The playback sessions this browser tab started recently (sessionStorage: per tab, survives a reload).
 * A reload or moving on to the next episode releases the old stream with a keepalive DELETE, but the new
 * POST can reach the API first; when the limit then refuses us, a device in the list that is really this
 * tab's previous stream is ended at once instead of asking the viewer to do it.
 */
const KEY = 'reel.playback.tab-sessions';
const KEEP = 5;

export function tabSessions(): string[] {
  try {
    const list: unknown = JSON.parse(sessionStorage.getItem(KEY) ?? '[]');
    return Array.isArray(list) ? list.filter((s): s is string => typeof s === 'string') : [];
  } catch {
    return [];
  }
}

export function rememberTabSession(sessionId: string): void {
  try {
    sessionStorage.setItem(KEY, JSON.stringify([sessionId, ...tabSessions()].slice(0, KEEP)));
  } catch {
    // Storage unavailable (blocked third-party frame): the viewer ends a stale stream by hand.
  }
}
