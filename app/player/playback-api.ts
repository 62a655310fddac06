import type { PlaybackGrant, PlaybackInput, StreamDevice } from '@reel/contracts';
import { ApiProblem, api } from '../lib/api.ts';
import type { PlayerError } from './types.ts';

/** The playback routes of the API (docs/PLAYBACK.md), as the player uses them. */

export const requestGrant = (videoId: string, hints: PlaybackInput) =>
  api<PlaybackGrant>('POST', `/api/videos/${encodeURIComponent(videoId)}/playback`, hints);

/** Keeps the stream slot (every `heartbeatS`, also while paused). */
export const sendHeartbeat = (sessionId: string) =>
  api<void>('POST', `/api/playback/${encodeURIComponent(sessionId)}/heartbeat`);

/** Ends another device's stream from the "too many streams" list. */
export const endStream = (sessionId: string) =>
  api<void>('DELETE', `/api/playback/${encodeURIComponent(sessionId)}`);

/**
 * Gives the slot back on exit. `keepalive` lets the request outlive the page (pagehide, navigation), which
 * is why this is a bare fetch rather than `api()`: nobody is left to read the answer.
 */
export function releaseStream(sessionId: string): void {
  fetch(`/api/playback/${encodeURIComponent(sessionId)}`, {
    method: 'DELETE',
    credentials: 'same-origin',
    keepalive: true,
  }).catch(() => undefined);
}

/** The manifest's folder: sprites and subtitles live beside it under the same token. */
export const mediaBaseOf = (grant: PlaybackGrant) => grant.manifestUrl.replace(/master\.m3u8(\?.*)?$/, '');

const isString = (v: unknown): v is string => typeof v === 'string';

/** The 429 body's device list, checked field by field (the app ships no runtime schema library). */
function devicesOf(body: Record<string, unknown>): StreamDevice[] {
  const list = Array.isArray(body.devices) ? (body.devices as unknown[]) : [];
  return list.flatMap((d): StreamDevice[] => {
    if (typeof d !== 'object' || d === null) return [];
    const { sessionId, deviceLabel, videoId, startedAt, lastSeenAt } = d as Record<string, unknown>;
    const ok =
      isString(sessionId) &&
      isString(deviceLabel) &&
      isString(videoId) &&
      isString(startedAt) &&
      isString(lastSeenAt);
    return ok ? [{ sessionId, deviceLabel, videoId, startedAt, lastSeenAt }] : [];
  });
}

/** What a refused `POST /playback` means to the viewer. */
export function playerErrorOf(err: unknown): PlayerError {
  if (!(err instanceof ApiProblem)) return { kind: 'media', detail: String(err) };
  const { code, body, detail } = err;
  switch (code) {
    case 'too_many_streams':
      return { kind: 'too_many_streams', limit: Number(body.limit) || 1, devices: devicesOf(body) };
    case 'plan_required':
      return { kind: 'plan_required', requiredPlan: isString(body.requiredPlan) ? body.requiredPlan : null };
    case 'sign_in_required':
    case 'unauthenticated':
    case 'session_expired':
      return { kind: 'sign_in_required' };
    case 'geo_blocked':
    case 'age_restricted':
    case 'not_found':
    case 'not_ready':
    case 'offline':
      return { kind: code };
    default:
      return { kind: 'media', detail };
  }
}
