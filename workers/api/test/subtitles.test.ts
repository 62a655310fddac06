import { env } from 'cloudflare:test';
import { beforeEach, describe, expect, it } from 'vitest';
import { signInternalUrl, signSourceUrl } from '../src/domain/source-url.ts';
import { call, callJson, makeUser, ORIGIN } from './helpers.ts';
import {
  complete,
  jobRow,
  lease,
  problemCode,
  processingVideo,
  retireOtherJobs,
  signed,
  uploadLadder,
  videoRow,
} from './job-kit.ts';

beforeEach(retireOtherJobs);

const SRT = '1\n00:00:01,000 --> 00:00:02,000\nHello\n';
const VTT = 'WEBVTT\n\n00:01.000 --> 00:02.000\nBonjour\n';
const en = { language: 'en', label: 'English', format: 'srt', text: SRT };

type Envelope = { track: { language: string; label: string; format: string }; retranscoding: boolean };
const post = (token: string, videoId: string, body: unknown) =>
  call('POST', `/api/videos/${videoId}/subtitles`, { token, body });
const track = (videoId: string, language: string) =>
  env.DB.prepare('SELECT * FROM subtitle_tracks WHERE video_id = ? AND language = ?')
    .bind(videoId, language)
    .first<{ label: string; format: string; key: string }>();
const jobsOf = (videoId: string) =>
  env.DB.prepare('SELECT id, state, payload FROM jobs WHERE video_id = ? ORDER BY created_at')
    .bind(videoId)
    .all<{ id: string; state: string; payload: string }>()
    .then((r) => r.results);

async function draft(visibility = 'public') {
  const owner = await makeUser('creator');
  const { video } = await callJson<{ video: { id: string } }>('POST', '/api/videos', 201, {
    token: owner.token,
    body: { title: 'Subtitled', ageRating: 0, visibility },
  });
  return { owner, videoId: video.id };
}

/** A title transcoded and published through the jobs API: ready, with a source and a current asset. */
async function readyVideo() {
  const v = await processingVideo();
  const { job } = await lease();
  const files = await uploadLadder(v.jobId, job.leaseToken);
  const res = await complete(v.jobId, {
    leaseToken: job.leaseToken,
    attemptId: job.attemptId,
    manifest: { files },
  });
  expect(res.status).toBe(200);
  const { assetId } = (await res.json()) as { assetId: string };
  return { ...v, assetId };
}

describe('subtitle tracks', () => {
  it('stores the text in R2 and the track in D1; replaces a language; lists; deletes', async () => {
    const { owner, videoId } = await draft();
    const created = await callJson<Envelope>('POST', `/api/videos/${videoId}/subtitles`, 201, {
      token: owner.token,
      body: en,
    });
    expect(created).toEqual({
      track: expect.objectContaining({ language: 'en', format: 'srt' }),
      retranscoding: false,
    });
    expect(await (await env.MEDIA.get(`videos/${videoId}/subtitles/en.srt`))?.text()).toBe(SRT);
    expect(await track(videoId, 'en')).toMatchObject({
      label: 'English',
      key: `videos/${videoId}/subtitles/en.srt`,
    });

    const replace = { language: 'en', label: 'English (CC)', format: 'vtt', text: VTT };
    await callJson('POST', `/api/videos/${videoId}/subtitles`, 201, { token: owner.token, body: replace });
    expect(await track(videoId, 'en')).toMatchObject({ label: 'English (CC)', format: 'vtt' });
    expect(await env.MEDIA.head(`videos/${videoId}/subtitles/en.srt`)).toBeNull();
    expect(await (await env.MEDIA.get(`videos/${videoId}/subtitles/en.vtt`))?.text()).toBe(VTT);
    await callJson('POST', `/api/videos/${videoId}/subtitles`, 201, {
      token: owner.token,
      body: { ...en, language: 'pt-BR', label: 'Português' },
    });
    const list = await callJson<{ tracks: { language: string }[] }>(
      'GET',
      `/api/videos/${videoId}/subtitles`,
      200,
      {
        token: owner.token,
      },
    );
    expect(list.tracks.map((t) => t.language)).toEqual(['en', 'pt-BR']);

    expect(
      (await call('DELETE', `/api/videos/${videoId}/subtitles/pt-BR`, { token: owner.token })).status,
    ).toBe(204);
    expect(await track(videoId, 'pt-BR')).toBeNull();
    expect(await env.MEDIA.head(`videos/${videoId}/subtitles/pt-BR.srt`)).toBeNull();
    const again = await call('DELETE', `/api/videos/${videoId}/subtitles/pt-BR`, { token: owner.token });
    expect(again.status).toBe(404);
  });

  it('refuses malformed subtitles with 400 invalid_subtitles naming the line, and bad fields', async () => {
    const { owner, videoId } = await draft();
    const res = await post(owner.token, videoId, { ...en, text: '1\n00:00:01,000 --> 00:00:0x,000\nHi\n' });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { code: string; detail: string; line: number };
    expect(body).toMatchObject({ code: 'invalid_subtitles', line: 2 });
    expect(body.detail).toMatch(/^Line 2: /);
    for (const bad of [
      { ...en, language: 'English' },
      { ...en, format: 'ass' },
      { ...en, label: '' },
    ]) {
      expect(await problemCode(await post(owner.token, videoId, bad))).toBe('validation_failed');
    }
    const big = `${SRT}\n${'x'.repeat(2 * 1024 * 1024)}`;
    expect(await problemCode(await post(owner.token, videoId, { ...en, text: big }))).toBe(
      'validation_failed',
    );
    expect(await track(videoId, 'en')).toBeNull();
    expect(await env.MEDIA.head(`videos/${videoId}/subtitles/en.srt`)).toBeNull();
  });

  it('is the owner’s: 401 signed out, 403 on someone else’s visible title, 404 on a private one', async () => {
    const { videoId } = await draft();
    const stranger = await makeUser('creator');
    expect((await call('POST', `/api/videos/${videoId}/subtitles`, { body: en })).status).toBe(401);
    // A draft is visible to its owner only: a stranger gets 404, as for private titles.
    expect((await post(stranger.token, videoId, en)).status).toBe(404);
    const ready = await readyVideo();
    expect((await post(stranger.token, ready.videoId, en)).status).toBe(403);
    await callJson('POST', `/api/videos/${ready.videoId}/subtitles`, 201, {
      token: ready.owner.token,
      body: en,
    });
    const del = await call('DELETE', `/api/videos/${ready.videoId}/subtitles/en`, { token: stranger.token });
    expect(del.status).toBe(403);
    // Anyone who may watch the title may list its tracks.
    const list = await callJson<{ tracks: unknown[] }>('GET', `/api/videos/${ready.videoId}/subtitles`, 200, {
      token: stranger.token,
    });
    expect(list.tracks).toHaveLength(1);
    expect((await call('GET', `/api/videos/${videoId}/subtitles`, { token: stranger.token })).status).toBe(
      404,
    );
    expect(await track(videoId, 'en')).toBeNull();
  });

  it('re-transcodes a ready title (same source) once per queued job; not a title without a source', async () => {
    const { owner, videoId } = await draft();
    await callJson('POST', `/api/videos/${videoId}/subtitles`, 201, { token: owner.token, body: en });
    expect(await jobsOf(videoId)).toEqual([]);

    const ready = await readyVideo();
    const first = await callJson<Envelope>('POST', `/api/videos/${ready.videoId}/subtitles`, 201, {
      token: ready.owner.token,
      body: en,
    });
    expect(first.retranscoding).toBe(true);
    const second = await callJson<Envelope>('POST', `/api/videos/${ready.videoId}/subtitles`, 201, {
      token: ready.owner.token,
      body: { ...en, language: 'fr', label: 'Français', format: 'vtt', text: VTT },
    });
    expect(second.retranscoding).toBe(false);
    const jobs = await jobsOf(ready.videoId);
    expect(jobs).toHaveLength(2);
    expect(jobs[1]?.state).toBe('queued');
    expect(JSON.parse(jobs[1]?.payload ?? '{}')).toMatchObject({
      sourceKey: ready.sourceKey,
      reason: 'subtitles',
    });
    expect(await videoRow(ready.videoId)).toMatchObject({ status: 'ready', current_asset_id: ready.assetId });
  });

  it('the lease carries signed subtitle URLs; expired, tampered and source signatures are refused', async () => {
    const ready = await readyVideo();
    await callJson('POST', `/api/videos/${ready.videoId}/subtitles`, 201, {
      token: ready.owner.token,
      body: en,
    });
    const { job, subtitles } = await lease();
    expect(job.payload).toMatchObject({ sourceKey: ready.sourceKey });
    expect(subtitles).toEqual([{ language: 'en', label: 'English', url: expect.any(String) }]);
    const url = subtitles[0]?.url ?? '';
    expect(url).toMatch(new RegExp(`^${ORIGIN}/api/internal/subtitles/${ready.videoId}/en\\?exp=\\d+&sig=`));
    const ok = await call('GET', url.slice(ORIGIN.length));
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe(SRT);

    const tampered = url.replace(/sig=(.)/, (_m, c: string) => `sig=${c === 'A' ? 'B' : 'A'}`);
    expect(await problemCode(await call('GET', tampered.slice(ORIGIN.length)))).toBe('url_invalid');
    const key = env.SERVICE_SIGNING_KEY;
    const old = { origin: ORIGIN, videoId: ready.videoId, name: 'en', now: Date.now() - 3_600_000 };
    const expired = await signInternalUrl(key, 'reel-subtitle-url', old);
    expect(await problemCode(await call('GET', expired.slice(ORIGIN.length)))).toBe('url_expired');
    // A source URL's signature over the same names does not open the subtitle route.
    const source = await signSourceUrl(key, {
      origin: ORIGIN,
      videoId: ready.videoId,
      uploadId: 'en',
      now: Date.now(),
    });
    const replay = source.replace('/api/internal/sources/', '/api/internal/subtitles/');
    expect(await problemCode(await call('GET', replay.slice(ORIGIN.length)))).toBe('url_invalid');
  });

  it('a failed re-transcode keeps the title ready on its asset; a completed one publishes a new asset', async () => {
    const ready = await readyVideo();
    await callJson('POST', `/api/videos/${ready.videoId}/subtitles`, 201, {
      token: ready.owner.token,
      body: en,
    });
    const first = await lease();
    const failed = await signed('POST', `/api/internal/jobs/${first.job.id}/fail`, {
      body: { leaseToken: first.job.leaseToken, retryable: false, code: 'invalid_subtitles', message: 'bad' },
    });
    expect(failed.status).toBe(200);
    expect((await jobRow(first.job.id))?.state).toBe('failed');
    const video = await videoRow(ready.videoId);
    expect(video).toMatchObject({ status: 'ready', current_asset_id: ready.assetId, failure_code: null });

    await callJson('DELETE', `/api/videos/${ready.videoId}/subtitles/en`, 204, { token: ready.owner.token });
    const second = await lease();
    expect(second.subtitles).toEqual([]);
    const files = await uploadLadder(second.job.id, second.job.leaseToken);
    const body = { leaseToken: second.job.leaseToken, attemptId: second.job.attemptId, manifest: { files } };
    expect((await complete(second.job.id, body)).status).toBe(200);
    const after = await videoRow(ready.videoId);
    expect(after?.status).toBe('ready');
    expect(after?.current_asset_id).not.toBe(ready.assetId);
  });
});
