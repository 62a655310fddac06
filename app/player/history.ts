import type { HistoryInput, TitleState } from '@reel/contracts';
import { api } from '../lib/api.ts';

/** Below this a saved position is noise (a trailer-length peek): start from the beginning. */
const MIN_RESUME_S = 5;

/**
 * Where the active profile left this title (`GET /api/me/titles/{id}`), or null: signed out, no profile,
 * never started, or finished (the API decides "completed": credits marker, 95 %, or the last 30 s).
 */
export async function loadResumePosition(videoId: string): Promise<number | null> {
  try {
    const state = await api<TitleState>('GET', `/api/me/titles/${encodeURIComponent(videoId)}`);
    const h = state.history;
    return h && !h.completed && h.positionS >= MIN_RESUME_S ? h.positionS : null;
  } catch {
    return null;
  }
}

/**
 * Saves the position on the profile (so it follows the viewer across devices). `sendBeacon` survives the
 * page going away (pagehide, closing the tab); it can only POST, which the history route accepts, and a
 * Blob typed application/json keeps the usual JSON validation. When the beacon queue is full, a keepalive
 * fetch does the same.
 */
export function savePosition(videoId: string, positionS: number, durationS: number): void {
  const body: HistoryInput = { positionS: Math.max(0, Math.round(positionS * 10) / 10) };
  if (Number.isFinite(durationS) && durationS > 0) body.durationS = durationS;
  const url = `/api/me/history/${encodeURIComponent(videoId)}`;
  const blob = new Blob([JSON.stringify(body)], { type: 'application/json' });
  if (navigator.sendBeacon?.(url, blob)) return;
  fetch(url, {
    method: 'POST',
    body: blob,
    keepalive: true,
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json' },
  }).catch(() => undefined);
}
