import { env, runInDurableObject } from 'cloudflare:test';
import type { StreamDevice } from '@reel/contracts';
import { describe, expect, it } from 'vitest';
import { LEASE_TTL_MS } from '../src/objects/stream-limiter.ts';
import { call, makeUser, problemOf, rows } from './helpers.ts';
import { grantOf, publishedTitle, startPlayback, subscribe } from './playback-kit.ts';

const heartbeat = (sessionId: string) => call('POST', `/api/playback/${sessionId}/heartbeat`);
const end = (sessionId: string) => call('DELETE', `/api/playback/${sessionId}`);

describe('concurrent streams (StreamLimiter)', () => {
  it('refuses a stream too many with the device list, and frees the slot on DELETE', async () => {
    const { video } = await publishedTitle();
    const viewer = await makeUser();
    const first = await grantOf(video.id, { token: viewer.token, body: { deviceLabel: 'Living room TV' } });
    const refused = await problemOf(await startPlayback(video.id, { token: viewer.token }), 429);
    expect(refused.code).toBe('too_many_streams');
    const devices = (refused as unknown as { devices: StreamDevice[]; limit: number }).devices;
    expect(devices).toEqual([
      expect.objectContaining({
        sessionId: first.sessionId,
        deviceLabel: 'Living room TV',
        videoId: video.id,
      }),
    ]);
    expect((await heartbeat(first.sessionId)).status).toBe(204);
    // Ending the TV's stream from this device frees the slot; the TV's next heartbeat learns it was evicted.
    expect((await end(first.sessionId)).status).toBe(204);
    const second = await grantOf(video.id, { token: viewer.token });
    expect((await problemOf(await heartbeat(first.sessionId), 409)).code).toBe('stream_evicted');
    expect((await heartbeat(second.sessionId)).status).toBe(204);
    const [revoked] = await rows<{ revoked_at: number | null }>(
      'SELECT revoked_at FROM playback_sessions WHERE id = ?',
      first.sessionId,
    );
    expect(revoked?.revoked_at).not.toBeNull();
  });

  it('lets a lease lapse after 90 s without a heartbeat', async () => {
    const { video } = await publishedTitle();
    const viewer = await makeUser();
    const first = await grantOf(video.id, { token: viewer.token });
    const stub = env.STREAM_LIMITER.getByName(viewer.user.id);
    await runInDurableObject(stub, (_obj, state) => {
      state.storage.sql.exec('UPDATE leases SET last_seen_at = ?', Date.now() - LEASE_TTL_MS - 1);
    });
    const second = await grantOf(video.id, { token: viewer.token });
    expect((await problemOf(await heartbeat(first.sessionId), 409)).code).toBe('stream_evicted');
    expect((await heartbeat(second.sessionId)).status).toBe(204);
  });

  it('holds under 100 concurrent starts: exactly the plan’s 3 streams', async () => {
    const { video } = await publishedTitle();
    const viewer = await makeUser();
    await subscribe(viewer.user.id, 'standard');
    const results = await Promise.all(
      Array.from({ length: 100 }, () => startPlayback(video.id, { token: viewer.token })),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(3);
    expect(statuses.filter((s) => s === 429)).toHaveLength(97);
    const leases = await env.STREAM_LIMITER.getByName(viewer.user.id).list(Date.now());
    expect(leases).toHaveLength(3);
  });

  it('does not count signed-out playback, and 404s unknown sessions', async () => {
    const { video } = await publishedTitle();
    const a = await grantOf(video.id);
    const b = await grantOf(video.id);
    expect((await heartbeat(a.sessionId)).status).toBe(204);
    expect((await heartbeat(b.sessionId)).status).toBe(204);
    expect((await problemOf(await heartbeat('A'.repeat(22)), 404)).code).toBe('not_found');
    expect((await problemOf(await heartbeat('short'), 400)).code).toBe('validation_failed');
  });
});
