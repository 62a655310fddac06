import { env } from 'cloudflare:test';
import { wrapContentKey } from '@reel/signing';
import { beforeAll, describe, expect, it } from 'vitest';
import { codeOf, media, seedTitle, type Title, tokenFor } from './kit.ts';

let title: Title;
const SD = crypto.getRandomValues(new Uint8Array(16));
const HD = crypto.getRandomValues(new Uint8Array(16));

beforeAll(async () => {
  title = await seedTitle({ encrypted: true });
  for (const [tier, raw] of [
    ['sd', SD],
    ['hd', HD],
  ] as const) {
    await env.DB.prepare(
      'INSERT INTO media_keys (attempt_id, video_id, tier, wrapped, created_at) VALUES (?1, ?2, ?3, ?4, ?5)',
    )
      .bind(title.av, title.videoId, tier, await wrapContentKey(env.MEDIA_KEY_SECRET, raw), Date.now())
      .run();
  }
});

describe('media worker: protected titles', () => {
  it('serves the SD key after the token check, never cached', async () => {
    const res = await media(`/v/${await tokenFor(title, { en: 1 })}/keys/sd.key`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(SD);
  });

  it('refuses the HD key to software playback, even with a high cap', async () => {
    const res = await media(`/v/${await tokenFor(title, { en: 1, ms: 2160 })}/keys/hd.key`);
    expect(res.status).toBe(403);
    expect(await codeOf(res)).toBe('key_not_allowed');
  });

  it('has no keys for clear tokens and no DASH for protected ones', async () => {
    expect((await media(`/v/${await tokenFor(title, { en: 0 })}/keys/sd.key`)).status).toBe(404);
    const mpd = await media(`/v/${await tokenFor(title, { en: 1 })}/manifest.mpd`);
    expect(await codeOf(mpd)).toBe('dash_unavailable');
  });

  it('rewrites key URIs in child playlists to the token path, with no `..`', async () => {
    const token = await tokenFor(title, { en: 1 });
    const res = await media(`/v/${token}/h264-720/index.m3u8`);
    const text = await res.text();
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    expect(text).toContain(`#EXT-X-KEY:METHOD=AES-128,URI="/v/${token}/keys/sd.key"`);
    expect(text).not.toContain('..');
    // The key follows the map, so the init segment stays clear (RFC 8216bis §4.4.4.5).
    expect(text.indexOf('#EXT-X-MAP')).toBeLessThan(text.indexOf('#EXT-X-KEY'));
  });
});

describe('media worker: revocation stops playlists and keys for existing tokens', () => {
  const master = async (t: Title, over = {}) =>
    media(`/v/${await tokenFor(t, { en: 1, ...over })}/master.m3u8`);

  it('when the playback session is ended', async () => {
    const t = await seedTitle({ encrypted: true });
    expect((await master(t)).status).toBe(200);
    await env.DB.prepare('UPDATE playback_sessions SET revoked_at = ? WHERE id = ?')
      .bind(Date.now(), t.sid)
      .run();
    expect(await codeOf(await master(t))).toBe('token_revoked');
    expect(await codeOf(await media(`/v/${await tokenFor(t, { en: 1 })}/keys/sd.key`))).toBe('token_revoked');
  });

  it('when the login session it came from is revoked', async () => {
    const t = await seedTitle();
    await env.DB.prepare('DELETE FROM sessions WHERE id = ?').bind(t.userSessionId).run();
    expect(await codeOf(await master(t))).toBe('token_revoked');
  });

  it('when the title is deleted or taken down', async () => {
    const t = await seedTitle();
    await env.DB.prepare("UPDATE videos SET status = 'deleted', deleted_at = ? WHERE id = ?")
      .bind(Date.now(), t.videoId)
      .run();
    expect(await codeOf(await master(t))).toBe('token_revoked');
  });

  it('when the title turns private, except for its owner', async () => {
    const viewer = await seedTitle();
    const owner = await seedTitle({ privileged: true });
    for (const t of [viewer, owner]) {
      await env.DB.prepare("UPDATE videos SET visibility = 'private' WHERE id = ?").bind(t.videoId).run();
    }
    expect(await codeOf(await master(viewer))).toBe('token_revoked');
    expect((await master(owner)).status).toBe(200);
  });
});
