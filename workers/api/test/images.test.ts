import { env } from 'cloudflare:test';
import type { VideoPage, VideoView } from '@reel/contracts';
import { describe, expect, it } from 'vitest';
import { newId } from '../src/ids.ts';
import { readyVideo } from './catalog-fixtures.ts';
import { call, callJson } from './helpers.ts';
import { publishedTitle } from './playback-kit.ts';

/** `GET /api/videos/{id}/poster.jpg`: unauthenticated, cached posters of public and unlisted titles. */

type Video = VideoView;
const jpeg = (tag: string) =>
  new Uint8Array([0xff, 0xd8, 0xff, 0xe0, ...new TextEncoder().encode(tag), 0xff, 0xd9]);

/** A published public title whose asset holds a poster with `tag` inside its bytes. */
async function titleWithPoster(body: Record<string, unknown> = {}) {
  const title = await publishedTitle(body);
  const bytes = jpeg(`poster-${title.assetId}`);
  await env.MEDIA.put(`${title.prefix}poster.jpg`, bytes);
  const { video } = await callJson<{ video: Video }>('GET', `/api/videos/${title.video.id}`, 200);
  return { ...title, bytes, video };
}

/** Publishes a new asset version for the title, as a re-transcode would. */
async function republish(videoId: string) {
  const assetId = newId();
  const prefix = `videos/${videoId}/a/${newId()}-2/`;
  await env.DB.batch([
    env.DB.prepare(
      "INSERT INTO assets (id, video_id, prefix, status, created_at, published_at) VALUES (?1, ?2, ?3, 'published', ?4, ?4)",
    ).bind(assetId, videoId, prefix, Date.now()),
    env.DB.prepare('UPDATE videos SET current_asset_id = ?1 WHERE id = ?2').bind(assetId, videoId),
  ]);
  const bytes = jpeg(`poster-${assetId}`);
  await env.MEDIA.put(`${prefix}poster.jpg`, bytes);
  return { assetId, bytes };
}

const bytesOf = async (res: Response) => new Uint8Array(await res.arrayBuffer());

describe('poster route', () => {
  it('serves the current asset’s poster to anyone, versioned, with an ETag and public caching', async () => {
    const { video, bytes, assetId } = await titleWithPoster();
    expect(video.posterUrl).toBe(`/api/videos/${video.id}/poster.jpg?v=${assetId}`);
    const res = await call('GET', video.posterUrl ?? '');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/jpeg');
    expect(res.headers.get('cache-control')).toBe('public, max-age=86400');
    expect(res.headers.get('etag')).toBe(`"${assetId}"`);
    expect(res.headers.get('set-cookie')).toBeNull();
    expect(await bytesOf(res)).toEqual(bytes);
    // A second read (from the Cache API) gives the same bytes.
    expect(await bytesOf(await call('GET', video.posterUrl ?? ''))).toEqual(bytes);
    // Without the version (or with a stale one) it is served but revalidated sooner.
    const bare = await call('GET', `/api/videos/${video.id}/poster.jpg`);
    expect(bare.headers.get('cache-control')).toBe('public, max-age=300');
    expect(await bytesOf(bare)).toEqual(bytes);
  });

  it('answers 304 to a matching If-None-Match and a new version after a new transcode', async () => {
    const { video, assetId } = await titleWithPoster();
    const url = `/api/videos/${video.id}/poster.jpg`;
    const same = await call('GET', url, { headers: { 'if-none-match': `W/"${assetId}"` } });
    expect(same.status).toBe(304);
    expect(same.headers.get('etag')).toBe(`"${assetId}"`);
    const next = await republish(video.id);
    const changed = await call('GET', url, { headers: { 'if-none-match': `"${assetId}"` } });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).toBe(`"${next.assetId}"`);
    expect(await bytesOf(changed)).toEqual(next.bytes);
    const listed = await callJson<{ video: Video }>('GET', `/api/videos/${video.id}`, 200);
    expect(listed.video.posterUrl).toBe(`${url}?v=${next.assetId}`);
  });

  it('serves unlisted titles too, and the catalog lists the poster URL', async () => {
    const unlisted = await titleWithPoster({ visibility: 'unlisted' });
    expect((await call('GET', `/api/videos/${unlisted.video.id}/poster.jpg`)).status).toBe(200);
    const pub = await titleWithPoster({ title: `Poster ${newId()}` });
    const page = await callJson<VideoPage>(
      'GET',
      `/api/videos?q=${encodeURIComponent(pub.video.title)}`,
      200,
    );
    expect(page.items.map((v) => v.posterUrl)).toEqual([pub.video.posterUrl]);
  });

  it('is 404 for private, deleted, unknown and media-less titles, whose summaries carry no poster URL', async () => {
    const shown = await titleWithPoster();
    const url = `/api/videos/${shown.video.id}/poster.jpg`;
    expect((await call('GET', url)).status).toBe(200);
    // Made private after it was served (and cached): refused at once.
    await callJson('PATCH', `/api/videos/${shown.video.id}`, 200, {
      token: shown.owner.token,
      body: { visibility: 'private' },
    });
    const hidden = await call('GET', url);
    expect(hidden.status).toBe(404);
    expect(((await hidden.json()) as { code: string }).code).toBe('not_found');
    const owned = await callJson<{ video: Video }>('GET', `/api/videos/${shown.video.id}`, 200, {
      token: shown.owner.token,
    });
    expect(owned.video.posterUrl).toBeNull();

    const deleted = await titleWithPoster();
    await callJson('DELETE', `/api/videos/${deleted.video.id}`, 204, { token: deleted.owner.token });
    expect((await call('GET', `/api/videos/${deleted.video.id}/poster.jpg`)).status).toBe(404);
    expect((await call('GET', `/api/videos/${newId()}/poster.jpg`)).status).toBe(404);

    // Ready and public but never transcoded (like the seeded Blender catalog): no URL, and 404.
    const bare = await readyVideo(shown.owner.token, { title: 'No media yet' });
    expect(
      (await callJson<{ video: Video }>('GET', `/api/videos/${bare.id}`, 200)).video.posterUrl,
    ).toBeNull();
    expect((await call('GET', `/api/videos/${bare.id}/poster.jpg`)).status).toBe(404);
  });

  it('is 404 when the published asset has no poster file', async () => {
    const { video } = await publishedTitle();
    expect((await call('GET', `/api/videos/${video.id}/poster.jpg`)).status).toBe(404);
  });
});
