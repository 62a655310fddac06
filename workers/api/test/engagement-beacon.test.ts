import { describe, expect, it } from 'vitest';
import { insertVideo, makeChannel, makeViewer, problem, rows } from './engagement-fixtures.ts';
import { call, ORIGIN } from './helpers.ts';

/**
 * What `navigator.sendBeacon(url, new Blob([json], { type: 'application/json' }))` sends from the app: a
 * POST with the session cookie, the page's Origin and a JSON body (checked in Chromium: the Blob's type
 * becomes the Content-Type, and the Origin header is present on same-origin beacons).
 */
const beacon = (token: string, videoId: string, body: string, headers: Record<string, string> = {}) =>
  call('POST', `/api/me/history/${videoId}`, {
    body,
    headers: {
      cookie: `reel_session=${token}`,
      origin: ORIGIN,
      'content-type': 'application/json',
      ...headers,
    },
  });

const positionOf = async (videoId: string) =>
  (await rows<{ position_s: number }>('SELECT position_s FROM watch_history WHERE video_id = ?', videoId))[0]
    ?.position_s;

describe('POST /api/me/history/{videoId} (the player’s exit beacon)', () => {
  it('records the position from a cookie-authenticated beacon, like PUT', async () => {
    const v = await makeViewer();
    const videoId = await insertVideo(await makeChannel(), { durationS: 600 });
    const res = await beacon(v.token, videoId, JSON.stringify({ positionS: 42.5 }));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ entry: { positionS: 42.5, completed: false } });
    expect(await positionOf(videoId)).toBe(42.5);
  });

  it('still refuses a beacon from another origin, and changes nothing', async () => {
    const v = await makeViewer();
    const videoId = await insertVideo(await makeChannel());
    const res = await beacon(v.token, videoId, JSON.stringify({ positionS: 9 }), {
      origin: 'https://evil.example',
    });
    expect((await problem(res, 403)).code).toBe('origin_mismatch');
    expect(await positionOf(videoId)).toBeUndefined();
  });

  it('validates the body like PUT (a text/plain beacon is refused, nothing stored)', async () => {
    const v = await makeViewer();
    const videoId = await insertVideo(await makeChannel());
    const bad = await beacon(v.token, videoId, JSON.stringify({ positionS: -3 }));
    expect((await problem(bad, 400)).code).toBe('validation_failed');
    const text = await beacon(v.token, videoId, JSON.stringify({ positionS: 3 }), {
      'content-type': 'text/plain;charset=UTF-8',
    });
    expect(text.status).toBeGreaterThanOrEqual(400);
    expect(await positionOf(videoId)).toBeUndefined();
  });
});
