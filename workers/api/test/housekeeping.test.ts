import {
  createExecutionContext,
  createScheduledController,
  env,
  waitOnExecutionContext,
} from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { METRICS_RETENTION_MS, runHousekeeping } from '../src/domain/housekeeping.ts';
import { createDb } from '../src/db.ts';
import worker from '../src/index.ts';
import { call, callJson, makeUser, rows } from './helpers.ts';
import { grantOf, publishedTitle } from './playback-kit.ts';

const keysUnder = async (prefix: string) => (await env.MEDIA.list({ prefix })).objects.map((o) => o.key);

describe('housekeeping (the cron)', () => {
  it('deletes the media of a deleted video once its grace period is over, and not before', async () => {
    const owner = await makeUser('creator');
    const { video } = await callJson<{ video: { id: string } }>('POST', '/api/videos', 201, {
      token: owner.token,
      body: { title: 'Short-lived', ageRating: 0 },
    });
    const prefix = `videos/${video.id}/`;
    for (const key of ['a/1/master.m3u8', 'a/1/h264-360/seg_0.m4s', 'source'])
      await env.MEDIA.put(prefix + key, 'x');
    await env.MEDIA.put('videos/someone-else/source', 'kept');
    expect((await call('DELETE', `/api/videos/${video.id}`, { token: owner.token })).status).toBe(204);

    const db = createDb(env.DB);
    await runHousekeeping(db, env.MEDIA, Date.now());
    expect(await keysUnder(prefix)).toHaveLength(3);

    await runHousekeeping(db, env.MEDIA, Date.now() + 8 * 24 * 3600_000);
    expect(await keysUnder(prefix)).toEqual([]);
    expect(await keysUnder('videos/someone-else/')).toEqual(['videos/someone-else/source']);
    const pending = await env.DB.prepare('SELECT count(*) AS n FROM media_removals WHERE prefix = ?')
      .bind(prefix)
      .first<{ n: number }>();
    expect(pending?.n).toBe(0);
  });

  it('drops expired sessions, so their tokens stop working', async () => {
    const user = await makeUser();
    await env.DB.prepare('UPDATE sessions SET expires_at = ? WHERE id = ?')
      .bind(Date.now() - 1, user.sessionId)
      .run();
    await runHousekeeping(createDb(env.DB), env.MEDIA, Date.now());
    const row = await env.DB.prepare('SELECT id FROM sessions WHERE id = ?').bind(user.sessionId).first();
    expect(row).toBeNull();
    expect((await call('GET', '/api/auth/me', { token: user.token })).status).toBe(401);
  });

  it('drops ended playback sessions and week-old raw metrics, keeping recent ones', async () => {
    const { video } = await publishedTitle();
    const live = await grantOf(video.id);
    const old = await grantOf(video.id);
    const now = Date.now();
    await env.DB.batch([
      env.DB.prepare('UPDATE playback_sessions SET expires_at = ? WHERE id = ?').bind(now - 1, old.sessionId),
      env.DB.prepare(
        "INSERT INTO metrics_events (kind, at, video_id, session_id, data) VALUES ('cmcd', ?1, ?2, ?3, '{}'), ('cmcd', ?4, ?2, ?3, '{}')",
      ).bind(now - METRICS_RETENTION_MS - 1, video.id, live.sessionId, now - 1000),
    ]);
    await runHousekeeping(createDb(env.DB), env.MEDIA, now);
    const sessions = await rows<{ id: string }>(
      'SELECT id FROM playback_sessions WHERE video_id = ?',
      video.id,
    );
    expect(sessions.map((s) => s.id)).toEqual([live.sessionId]);
    const metrics = await rows<{ at: number }>('SELECT at FROM metrics_events WHERE video_id = ?', video.id);
    expect(metrics).toEqual([{ at: now - 1000 }]);
  });

  it('runs from the worker’s scheduled handler', async () => {
    const user = await makeUser();
    await env.DB.prepare('UPDATE sessions SET expires_at = ? WHERE id = ?')
      .bind(Date.now() - 1, user.sessionId)
      .run();
    const ctx = createExecutionContext();
    worker.scheduled(createScheduledController({ cron: '*/15 * * * *' }), env, ctx);
    await waitOnExecutionContext(ctx);
    const row = await env.DB.prepare('SELECT id FROM sessions WHERE id = ?').bind(user.sessionId).first();
    expect(row).toBeNull();
  });
});
