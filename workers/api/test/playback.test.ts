import { env } from 'cloudflare:test';
import { parseKeyRing, unwrapContentKey, verifyPlaybackToken } from '@reel/signing';
import { describe, expect, it } from 'vitest';
import { useKidsProfile } from './catalog-fixtures.ts';
import { makeUser, problemOf, rows } from './helpers.ts';
import { lease, processingVideo, retireOtherJobs } from './job-kit.ts';
import { grantOf, publishedTitle, startPlayback, subscribe, tokenOf } from './playback-kit.ts';

const ring = parseKeyRing(env.PLAYBACK_SIGNING_KEYS, env.PLAYBACK_SIGNING_KID);
const claimsOf = async (token: string) => {
  const r = await verifyPlaybackToken(token, ring, Math.floor(Date.now() / 1000));
  if (!r.ok) throw new Error(`token did not verify: ${r.reason}`);
  return r.claims;
};

describe('POST /api/videos/{id}/playback: entitlement', () => {
  it('lets a signed-out visitor play a free public title with the default policy', async () => {
    const { video, attemptId } = await publishedTitle();
    const grant = await grantOf(video.id);
    expect(grant.manifestUrl).toMatch(/^http:\/\/localhost:8787\/v\/[A-Za-z0-9_.-]+\/master\.m3u8$/);
    expect(grant.dashUrl).toBe(grant.manifestUrl.replace('master.m3u8', 'manifest.mpd'));
    expect(grant.policy).toEqual({
      maxShortSide: 720,
      protection: 'software',
      deviceClass: 'desktop',
      codecs: ['h264'],
      dataSaver: false,
      encrypted: false,
    });
    const claims = await claimsOf(tokenOf(grant));
    expect(claims).toMatchObject({ sub: video.id, av: attemptId, sid: grant.sessionId, ms: 720, cs: 1 });
    // 600 s title: 2 × 600 + 30 min.
    expect(claims.exp - claims.iat).toBe(1200 + 1800);
    expect(Date.parse(grant.expiresAt)).toBe(claims.exp * 1000);
    const [session] = await rows<{ user_id: string | null; video_id: string }>(
      'SELECT user_id, video_id FROM playback_sessions WHERE id = ?',
      grant.sessionId,
    );
    expect(session).toEqual({ user_id: null, video_id: video.id });
  });

  it('hides private titles from everyone but the owner, who plays them uncapped', async () => {
    const { video, owner } = await publishedTitle({ visibility: 'private' });
    expect((await problemOf(await startPlayback(video.id), 404)).code).toBe('not_found');
    const stranger = await makeUser();
    expect((await problemOf(await startPlayback(video.id, { token: stranger.token }), 404)).code).toBe(
      'not_found',
    );
    const grant = await grantOf(video.id, { token: owner.token });
    expect(grant.policy.maxShortSide).toBe(4320);
  });

  it('checks the minimum plan by rank', async () => {
    const { video } = await publishedTitle({ minimumPlan: 'standard' });
    expect((await problemOf(await startPlayback(video.id), 401)).code).toBe('sign_in_required');
    const viewer = await makeUser();
    const refused = await problemOf(await startPlayback(video.id, { token: viewer.token }), 403);
    expect(refused).toMatchObject({ code: 'plan_required', requiredPlan: 'standard' });
    await subscribe(viewer.user.id, 'basic');
    expect((await startPlayback(video.id, { token: viewer.token })).status).toBe(403);
    await subscribe(viewer.user.id, 'premium');
    expect((await grantOf(video.id, { token: viewer.token })).policy.maxShortSide).toBe(2160);
  });

  it("applies the active profile's age rating, and asks signed-out visitors to sign in for 18", async () => {
    const { video } = await publishedTitle({ ageRating: 16 });
    const parent = await makeUser();
    expect((await startPlayback(video.id, { token: parent.token })).status).toBe(200);
    await useKidsProfile(parent, 12);
    expect((await problemOf(await startPlayback(video.id, { token: parent.token }), 403)).code).toBe(
      'age_restricted',
    );
    const adult = await publishedTitle({ ageRating: 18 });
    expect((await problemOf(await startPlayback(adult.video.id), 401)).code).toBe('sign_in_required');
  });

  it('takes the country from request.cf only', async () => {
    const { video } = await publishedTitle({ allowedCountries: ['DE', 'AT'] });
    expect((await startPlayback(video.id, { cf: { country: 'DE' } })).status).toBe(200);
    const blocked = await problemOf(await startPlayback(video.id, { cf: { country: 'US' } }), 403);
    expect(blocked).toMatchObject({ code: 'geo_blocked', country: 'US' });
    // No cf (unknown country) is refused; a client header cannot claim a country.
    expect((await startPlayback(video.id, { headers: { 'cf-ipcountry': 'DE' } })).status).toBe(403);
  });

  it('refuses titles that are not ready, naming why to their owner', async () => {
    const { video, owner } = await publishedTitle();
    await env.DB.prepare("UPDATE videos SET status = 'processing' WHERE id = ?").bind(video.id).run();
    expect((await problemOf(await startPlayback(video.id, { token: owner.token }), 409)).code).toBe(
      'not_ready',
    );
    expect((await startPlayback(video.id)).status).toBe(404);
  });

  it('lets hints lower the caps, never raise them', async () => {
    const { video } = await publishedTitle();
    const saver = await grantOf(video.id, { body: { dataSaver: true } });
    expect(saver.policy.maxShortSide).toBe(480);
    expect((await claimsOf(tokenOf(saver))).ds).toBe(1);
    expect((await grantOf(video.id, { body: { maxShortSide: 360 } })).policy.maxShortSide).toBe(360);
    expect((await grantOf(video.id, { body: { maxShortSide: 2160 } })).policy.maxShortSide).toBe(720);
    const codecs = await grantOf(video.id, { body: { codecs: ['h264', 'av1'], deviceClass: 'tv' } });
    expect(await claimsOf(tokenOf(codecs))).toMatchObject({ cs: 0b1001, dc: 2 });
    const bad = await problemOf(await startPlayback(video.id, { body: { codecs: ['mpeg2'] } }), 400);
    expect(bad.code).toBe('validation_failed');
  });

  it('caps protected titles at 720p for software playback, with no DASH', async () => {
    const { video } = await publishedTitle({ protected: true });
    const viewer = await makeUser();
    await subscribe(viewer.user.id, 'premium');
    const grant = await grantOf(video.id, { token: viewer.token });
    expect(grant.policy).toMatchObject({ maxShortSide: 720, encrypted: true, protection: 'software' });
    expect(grant.dashUrl).toBeNull();
    expect((await claimsOf(tokenOf(grant))).en).toBe(1);
  });
});

describe('content keys in the transcoder lease', () => {
  it('hands a protected attempt fresh keys and stores them only wrapped', async () => {
    await retireOtherJobs();
    const { videoId } = await processingVideo();
    await env.DB.prepare('UPDATE videos SET protected = 1 WHERE id = ?').bind(videoId).run();
    const leased = await lease();
    expect(leased.protection).not.toBeNull();
    const stored = await rows<{ tier: string; wrapped: string }>(
      'SELECT tier, wrapped FROM media_keys WHERE attempt_id = ? ORDER BY tier',
      leased.job.attemptId,
    );
    expect(stored.map((r) => r.tier)).toEqual(['hd', 'sd']);
    for (const r of stored) {
      const raw = await unwrapContentKey(env.MEDIA_KEY_SECRET, r.wrapped);
      const expected = r.tier === 'sd' ? leased.protection?.sd : leased.protection?.hd;
      expect(btoa(String.fromCharCode(...(raw ?? []))).replace(/=+$/, '')).toBe(
        expected?.replaceAll('-', '+').replaceAll('_', '/'),
      );
      expect(r.wrapped).not.toContain(expected);
    }
  });

  it('gives clear titles no keys', async () => {
    await retireOtherJobs();
    await processingVideo();
    expect((await lease()).protection).toBeNull();
  });
});
