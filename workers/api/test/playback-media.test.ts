import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import master from '../../../packages/hls/src/fixtures/ladder/master.m3u8?raw';
import { call, makeUser } from './helpers.ts';
import { grantOf, mediaPath, publishedTitle } from './playback-kit.ts';

/**
 * The whole path in workerd: the API issues a grant, and its URL is served by the REAL media worker (bundled
 * from workers/manifest) through the API's /v/* forward, sharing the same D1 and R2 (vitest.config.ts).
 */
describe('playback grant → media worker', () => {
  it('plays what the grant allows and stops when the playback ends', async () => {
    const { video, prefix } = await publishedTitle();
    await env.MEDIA.put(`${prefix}master.m3u8`, master);
    await env.MEDIA.put(`${prefix}h264-360/seg_0.m4s`, new Uint8Array(100));
    const viewer = await makeUser();
    const grant = await grantOf(video.id, { token: viewer.token });
    const res = await call('GET', mediaPath(grant, 'master.m3u8'));
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toContain('h264-720/index.m3u8');
    expect(text).not.toContain('h264-1080');
    expect((await call('GET', mediaPath(grant, 'h264-360/seg_0.m4s'))).status).toBe(200);
    expect((await call('GET', mediaPath(grant, 'h264-1080/seg_0.m4s'))).status).toBe(403);

    expect((await call('DELETE', `/api/playback/${grant.sessionId}`)).status).toBe(204);
    const ended = await call('GET', mediaPath(grant, 'master.m3u8'));
    expect(ended.status).toBe(403);
    expect(((await ended.json()) as { code: string }).code).toBe('token_revoked');
  });

  it('stops existing tokens when the viewer signs out everywhere', async () => {
    const { video, prefix } = await publishedTitle();
    await env.MEDIA.put(`${prefix}master.m3u8`, master);
    const viewer = await makeUser();
    const grant = await grantOf(video.id, { token: viewer.token });
    expect((await call('GET', mediaPath(grant, 'master.m3u8'))).status).toBe(200);
    expect((await call('POST', '/api/auth/logout-all', { token: viewer.token })).status).toBe(204);
    expect((await call('GET', mediaPath(grant, 'master.m3u8'))).status).toBe(403);
    // Its stream slot goes back too.
    expect((await call('POST', `/api/playback/${grant.sessionId}/heartbeat`)).status).toBe(409);
    expect(await env.STREAM_LIMITER.getByName(viewer.user.id).list(Date.now())).toEqual([]);
  });
});

describe('revocation through the API', () => {
  it('a title made private or deleted stops new playlists for existing viewer tokens', async () => {
    const { video, prefix, owner } = await publishedTitle();
    await env.MEDIA.put(`${prefix}master.m3u8`, master);
    const viewer = await grantOf(video.id);
    const own = await grantOf(video.id, { token: owner.token });
    const patched = await call('PATCH', `/api/videos/${video.id}`, {
      token: owner.token,
      body: { visibility: 'private' },
    });
    expect(patched.status).toBe(200);
    expect((await call('GET', mediaPath(viewer, 'master.m3u8'))).status).toBe(403);
    expect((await call('GET', mediaPath(own, 'master.m3u8'))).status).toBe(200);
    expect((await call('DELETE', `/api/videos/${video.id}`, { token: owner.token })).status).toBe(204);
    expect((await call('GET', mediaPath(own, 'master.m3u8'))).status).toBe(403);
  });
});
