import type { VideoView } from '@reel/contracts';
import { describe, expect, it } from 'vitest';
import {
  catalogSnapshot,
  count,
  createChannel,
  createVideo,
  insertGenre,
  makeReady,
  readyVideo,
  row,
  useKidsProfile,
} from './catalog-fixtures.ts';
import { call, callJson, makeUser } from './helpers.ts';

type Problem = { code: string; errors?: { path: string }[] };
const DAY = 24 * 60 * 60_000;

describe('POST /api/videos', () => {
  it('creates a draft with the full contract shape', async () => {
    const { token } = await makeUser();
    const drama = await insertGenre('Drama');
    const video = await createVideo(token, {
      title: '  The Title ',
      description: 'About it',
      releaseYear: 2024,
      ageRating: 12,
      language: 'en-us',
      director: 'Ann Director',
      visibility: 'unlisted',
      minimumPlan: 'standard',
      protected: true,
      allowedCountries: ['DE', 'FR'],
      embedOrigins: ['https://blog.example.com'],
      genres: [drama],
      cast: [
        { name: 'Bo Actor', character: 'Hero' },
        { name: 'Cy Writer', role: 'writer' },
      ],
      introStartS: 5,
      introEndS: 35,
      creditsStartS: 500,
      chapters: [
        { startS: 0, title: 'Start' },
        { startS: 60, title: 'Middle' },
      ],
    });
    expect(video).toMatchObject({
      title: 'The Title',
      status: 'draft',
      progress: null,
      failureReason: null,
      language: 'en-US',
      minimumPlan: 'standard',
      visibility: 'unlisted',
      protected: true,
      allowedCountries: ['DE', 'FR'],
      genres: [{ id: drama, name: 'Drama' }],
      cast: [
        { name: 'Bo Actor', role: 'actor', character: 'Hero' },
        { name: 'Cy Writer', role: 'writer', character: null },
      ],
      markers: { introStartS: 5, introEndS: 35, creditsStartS: 500 },
      chapters: [
        { startS: 0, title: 'Start' },
        { startS: 60, title: 'Middle' },
      ],
      publishedAt: null,
    });
    expect(new Date(video.createdAt).toISOString()).toBe(video.createdAt);
  });

  it('puts a first video with no channel on a new default channel, and reuses it', async () => {
    const maker = await makeUser();
    expect(await count('channels', 'owner_id = ?1', maker.user.id)).toBe(0);
    const first = await createVideo(maker.token);
    const second = await createVideo(maker.token);
    expect(second.channelId).toBe(first.channelId);
    const channel = await row<{ owner_id: string; is_default: number; handle: string }>(
      'SELECT owner_id, is_default, handle FROM channels WHERE id = ?1',
      first.channelId,
    );
    expect(channel).toMatchObject({ owner_id: maker.user.id, is_default: 1 });
    expect(channel?.handle).toMatch(/^test-[a-z0-9]{6}$/);
    expect(await count('channels', 'owner_id = ?1', maker.user.id)).toBe(1);
  });

  it('refuses to publish on someone else’s channel (403, nothing written)', async () => {
    const owner = await makeUser();
    const intruder = await makeUser();
    const channel = await createChannel(owner.token);
    const before = await catalogSnapshot();
    const res = await call('POST', '/api/videos', {
      token: intruder.token,
      body: { title: 'Sneaky', ageRating: 0, channelId: channel.id },
    });
    expect(res.status).toBe(403);
    expect(await catalogSnapshot()).toBe(before);
  });

  it.each([
    ['ageRating', { ageRating: 5 }],
    ['title', { title: '' }],
    ['language', { language: 'not a tag!' }],
    ['embedOrigins.0', { embedOrigins: ['http://plain.example.com'] }],
    ['embedOrigins.0', { embedOrigins: ['https://example.com/path'] }],
    ['allowedCountries.0', { allowedCountries: ['usa'] }],
    ['minimumPlan', { minimumPlan: 'gold' }],
    ['visibility', { visibility: 'secret' }],
    [
      'chapters',
      {
        chapters: [
          { startS: 10, title: 'b' },
          { startS: 5, title: 'a' },
        ],
      },
    ],
    ['introEndS', { introStartS: 30, introEndS: 10 }],
    ['genres.0', { genres: ['no-such-genre'] }],
    ['cast', { cast: [{ name: 'Same' }, { name: 'Same' }] }],
    ['releaseYear', { releaseYear: 1500 }],
  ])('answers 400 validation_failed naming %s', async (field, patch) => {
    const { token } = await makeUser();
    const before = await catalogSnapshot();
    const res = await call('POST', '/api/videos', {
      token,
      body: { title: 'Valid', ageRating: 0, ...patch },
    });
    expect(res.status).toBe(400);
    const problem = await res.json<Problem>();
    expect(problem.code).toBe('validation_failed');
    expect(problem.errors?.map((e) => e.path)).toContain(field);
    expect(await catalogSnapshot()).toBe(before);
  });

  it('needs a signed-in user', async () => {
    expect((await call('POST', '/api/videos', { body: { title: 'x', ageRating: 0 } })).status).toBe(401);
  });
});

describe('GET /api/videos/{id}', () => {
  it('shows drafts and private titles only to the owner and admins', async () => {
    const owner = await makeUser();
    const other = await makeUser();
    const admin = await makeUser('admin');
    const draft = await createVideo(owner.token, { visibility: 'public' });
    expect((await call('GET', `/api/videos/${draft.id}`, { token: owner.token })).status).toBe(200);
    expect((await call('GET', `/api/videos/${draft.id}`, { token: admin.token })).status).toBe(200);
    expect((await call('GET', `/api/videos/${draft.id}`, { token: other.token })).status).toBe(404);
    expect((await call('GET', `/api/videos/${draft.id}`)).status).toBe(404);

    const privateReady = await createVideo(owner.token, { visibility: 'private' });
    await makeReady(privateReady.id);
    expect((await call('GET', `/api/videos/${privateReady.id}`, { token: other.token })).status).toBe(404);
  });

  it('shows ready public and unlisted titles to anyone', async () => {
    const owner = await makeUser();
    const pub = await readyVideo(owner.token);
    const unlisted = await readyVideo(owner.token, { visibility: 'unlisted' });
    const got = await callJson<{ video: VideoView }>('GET', `/api/videos/${pub.id}`, 200);
    expect(got.video.status).toBe('ready');
    expect(got.video.publishedAt).not.toBeNull();
    expect((await call('GET', `/api/videos/${unlisted.id}`)).status).toBe(200);
  });

  it('404s a title above a kids profile’s rating, and 16+ for signed-out visitors', async () => {
    const owner = await makeUser();
    const kid = await makeUser();
    const adult = await readyVideo(owner.token, { ageRating: 18 });
    const teen = await readyVideo(owner.token, { ageRating: 12 });
    expect((await call('GET', `/api/videos/${adult.id}`, { token: kid.token })).status).toBe(200);
    expect((await call('GET', `/api/videos/${adult.id}`)).status).toBe(404);
    await useKidsProfile(kid, 12);
    expect((await call('GET', `/api/videos/${adult.id}`, { token: kid.token })).status).toBe(404);
    expect((await call('GET', `/api/videos/${teen.id}`, { token: kid.token })).status).toBe(200);
  });
});

describe('PATCH /api/videos/{id}', () => {
  it('lets the owner change metadata and replace genres and cast', async () => {
    const { token } = await makeUser();
    const [a, b] = [await insertGenre('A'), await insertGenre('B')];
    const video = await createVideo(token, { genres: [a], cast: [{ name: 'Old Cast' }] });
    const { video: changed } = await callJson<{ video: VideoView }>('PATCH', `/api/videos/${video.id}`, 200, {
      token,
      body: { title: 'New', genres: [b], cast: [{ name: 'New Cast', role: 'voice' }], releaseYear: null },
    });
    expect(changed).toMatchObject({
      title: 'New',
      genres: [{ id: b }],
      cast: [{ name: 'New Cast', role: 'voice' }],
    });
    expect(await count('video_genres', 'video_id = ?1', video.id)).toBe(1);
    expect(Date.parse(changed.updatedAt)).toBeGreaterThanOrEqual(Date.parse(video.updatedAt));
  });

  it('never sets status, and checks markers against the stored ones', async () => {
    const { token } = await makeUser();
    const video = await createVideo(token, { introStartS: 10, introEndS: 20 });
    const res = await call('PATCH', `/api/videos/${video.id}`, { token, body: { status: 'ready' } });
    expect(res.status).toBe(400);
    expect((await res.json<Problem>()).errors?.[0]?.path).toBe('(body)');
    const markers = await call('PATCH', `/api/videos/${video.id}`, { token, body: { introEndS: 5 } });
    expect(markers.status).toBe(400);
    expect((await markers.json<Problem>()).errors?.[0]?.path).toBe('introEndS');
    const stored = await row<{ status: string; intro_end_s: number }>(
      'SELECT status, intro_end_s FROM videos WHERE id = ?1',
      video.id,
    );
    expect(stored).toEqual({ status: 'draft', intro_end_s: 20 });
  });

  it('refuses other users: 403 on a visible title, 404 on a hidden one, nothing changed', async () => {
    const owner = await makeUser();
    const other = await makeUser();
    const visible = await readyVideo(owner.token);
    const hidden = await createVideo(owner.token);
    const before = await catalogSnapshot();
    const patch = { token: other.token, body: { title: 'Hijacked' } };
    expect((await call('PATCH', `/api/videos/${visible.id}`, patch)).status).toBe(403);
    expect((await call('PATCH', `/api/videos/${hidden.id}`, patch)).status).toBe(404);
    expect((await call('DELETE', `/api/videos/${visible.id}`, { token: other.token })).status).toBe(403);
    expect((await call('DELETE', `/api/videos/${hidden.id}`, { token: other.token })).status).toBe(404);
    expect(await catalogSnapshot()).toBe(before);
  });

  it('lets an admin change anyone’s video', async () => {
    const owner = await makeUser();
    const admin = await makeUser('admin');
    const video = await createVideo(owner.token);
    await callJson('PATCH', `/api/videos/${video.id}`, 200, { token: admin.token, body: { title: 'Fixed' } });
    expect((await row<{ title: string }>('SELECT title FROM videos WHERE id = ?1', video.id))?.title).toBe(
      'Fixed',
    );
  });
});

describe('DELETE /api/videos/{id}', () => {
  it('marks the video deleted and schedules its media for removal after 7 days', async () => {
    const { token } = await makeUser();
    const video = await readyVideo(token);
    const before = Date.now();
    expect((await call('DELETE', `/api/videos/${video.id}`, { token })).status).toBe(204);
    const stored = await row<{ status: string; deleted_at: number }>(
      'SELECT status, deleted_at FROM videos WHERE id = ?1',
      video.id,
    );
    expect(stored?.status).toBe('deleted');
    expect(stored?.deleted_at).toBeGreaterThanOrEqual(before);
    const removal = await row<{ due_at: number }>(
      'SELECT due_at FROM media_removals WHERE prefix = ?1',
      `videos/${video.id}/`,
    );
    expect(removal?.due_at).toBeGreaterThanOrEqual(before + 7 * DAY);
    expect(removal?.due_at).toBeLessThanOrEqual(Date.now() + 7 * DAY);
    expect((await call('GET', `/api/videos/${video.id}`)).status).toBe(404);
    const again = await call('PATCH', `/api/videos/${video.id}`, { token, body: { title: 'Back?' } });
    expect(again.status).toBe(409);
  });
});
