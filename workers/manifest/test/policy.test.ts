import { env } from 'cloudflare:test';
import { parsePlaylist } from '@reel/hls';
import { beforeAll, describe, expect, it } from 'vitest';
import { codeOf, media, seedTitle, type Title, tokenFor } from './kit.ts';

let title: Title;
beforeAll(async () => {
  title = await seedTitle();
});

const variantsOf = (text: string) => {
  const parsed = parsePlaylist(text);
  if (!parsed.ok || parsed.playlist.kind !== 'master') throw new Error('not a master playlist');
  return parsed.playlist;
};

describe('media worker: the policy holds on every request', () => {
  it('refuses a 1080 segment typed by hand with a Free-plan (720) token', async () => {
    const token = await tokenFor(title, { ms: 720 });
    for (const file of ['seg_0.m4s', 'init.mp4', 'index.m3u8']) {
      const res = await media(`/v/${token}/h264-1080/${file}`);
      expect(res.status, file).toBe(403);
      expect(await codeOf(res)).toBe('rendition_not_allowed');
    }
    expect((await media(`/v/${token}/h264-720/seg_0.m4s`)).status).toBe(200);
    expect((await media(`/v/${token}/aac-128/seg_0.m4s`)).status).toBe(200);
  });

  it('refuses 720 to a data-saver (480) token and codecs the device did not list', async () => {
    const saver = await tokenFor(title, { ms: 480, ds: 1 });
    expect(await codeOf(await media(`/v/${saver}/h264-720/seg_0.m4s`))).toBe('rendition_not_allowed');
    expect((await media(`/v/${saver}/h264-480/seg_0.m4s`)).status).toBe(200);
    const h264Only = await tokenFor(title, { cs: 0b0001 });
    expect(await codeOf(await media(`/v/${h264Only}/av1-480/seg_0.m4s`))).toBe('rendition_not_allowed');
    // Unknown rung names fail closed instead of passing as audio.
    expect(await codeOf(await media(`/v/${h264Only}/h265-2160/seg_0.m4s`))).toBe('rendition_not_allowed');
  });

  it('rewrites the real transcoder master per policy, start rung first, groups intact', async () => {
    const res = await media(`/v/${await tokenFor(title, { ms: 480, dc: 1 })}/master.m3u8`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.apple.mpegurl');
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    const master = variantsOf(await res.text());
    // Mobile starts at 480: the best variant at or below it first, then ascending bandwidth.
    expect(master.variants.map((v) => v.uri)).toEqual([
      'h264-480/index.m3u8',
      'h264-240/index.m3u8',
      'h264-360/index.m3u8',
    ]);
    expect(master.renditions.map((r) => r.uri)).toEqual(['aac-128/index.m3u8', 'subs/en.m3u8']);
    expect(master.variants.every((v) => v.audio === 'audio' && v.subtitles === 'subs')).toBe(true);
  });

  it('caches the unfiltered master once and rewrites it for each token', async () => {
    const fresh = await seedTitle();
    const first = await media(`/v/${await tokenFor(fresh, { ms: 1080 })}/master.m3u8`);
    const second = await media(`/v/${await tokenFor(fresh, { ms: 360 })}/master.m3u8`);
    expect(first.headers.get('x-reel-cache')).toBe('miss');
    expect(second.headers.get('x-reel-cache')).toBe('hit');
    expect(variantsOf(await first.text()).variants).toHaveLength(5);
    expect(variantsOf(await second.text()).variants.map((v) => v.uri)).toEqual([
      'h264-360/index.m3u8',
      'h264-240/index.m3u8',
    ]);
  });

  it('answers a token whose policy leaves nothing playable with 403 no_playable_rendition', async () => {
    const none = await tokenFor(title, { cs: 0b1000 });
    expect(await codeOf(await media(`/v/${none}/master.m3u8`))).toBe('no_playable_rendition');
  });

  it('serves the MPD of a clear title with only the allowed representations', async () => {
    const res = await media(`/v/${await tokenFor(title, { ms: 720 })}/manifest.mpd`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/dash+xml');
    const mpd = await res.text();
    const ids = [...mpd.matchAll(/<Representation[^>]* id="([^"]+)"/g)].map((m) => m[1]);
    expect(ids).toEqual(expect.arrayContaining(['h264-240', 'h264-360', 'h264-480', 'h264-720', 'aac-128']));
    expect(ids).not.toContain('h264-1080');
    expect(mpd).toContain('startNumber="0"');
  });

  it('records CMCD from the query and headers in the MetricsSink (metrics_events locally)', async () => {
    const token = await tokenFor(title);
    const cmcd = encodeURIComponent(
      'bl=21300,br=2900,d=4000,ot=v,sid="6e2fb550-c457-11e9-bb97-0800200c9a66"',
    );
    expect((await media(`/v/${token}/h264-720/seg_0.m4s?CMCD=${cmcd}`)).status).toBe(200);
    await media(`/v/${token}/aac-128/seg_0.m4s`, {
      headers: { 'CMCD-Object': 'br=128,ot=a', 'CMCD-Request': 'bl=8000' },
    });
    const rows = await env.DB.prepare(
      "SELECT video_id, session_id, data FROM metrics_events WHERE kind = 'cmcd' AND session_id = ? ORDER BY id",
    )
      .bind(title.sid)
      .all<{ video_id: string; session_id: string; data: string }>();
    expect(rows.results).toHaveLength(2);
    const [video, audio] = rows.results.map(
      (r) => JSON.parse(r.data) as { cmcd: Record<string, unknown>; path: string },
    );
    expect(video).toMatchObject({ path: 'h264-720/seg_0.m4s', cmcd: { br: 2900, bl: 21300, ot: 'v' } });
    expect(audio).toMatchObject({ path: 'aac-128/seg_0.m4s', cmcd: { br: 128, bl: 8000, ot: 'a' } });
    expect(rows.results[0]?.video_id).toBe(title.videoId);
  });
});
