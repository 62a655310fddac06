import type { ChannelView, VideoPage } from '@reel/contracts';
import { describe, expect, it } from 'vitest';
import {
  catalogSnapshot,
  createChannel,
  createVideo,
  makeReady,
  row,
  useKidsProfile,
} from './catalog-fixtures.ts';
import { call, callJson, makeUser } from './helpers.ts';

type Problem = { code: string; errors?: { path: string }[] };

const handle = (tag: string) => `${tag}-${Math.random().toString(36).slice(2, 10)}`;

describe('POST /api/channels', () => {
  it('opens a channel; the first one a user opens is their default', async () => {
    const { token, user } = await makeUser();
    const first = await callJson<{ channel: ChannelView }>('POST', '/api/channels', 201, {
      token,
      body: { handle: handle('first'), name: 'First', description: 'Hello' },
    });
    expect(first.channel).toMatchObject({ name: 'First', description: 'Hello', isDefault: true });
    const second = await createChannel(token);
    expect(second.isDefault).toBe(false);
    const stored = await row<{ owner_id: string }>('SELECT owner_id FROM channels WHERE id = ?1', second.id);
    expect(stored?.owner_id).toBe(user.id);
  });

  it('refuses a taken handle with 409 handle_taken', async () => {
    const a = await makeUser();
    const b = await makeUser();
    const taken = handle('taken');
    await createChannel(a.token, { handle: taken });
    const res = await call('POST', '/api/channels', {
      token: b.token,
      body: { handle: taken, name: 'Mine' },
    });
    expect(res.status).toBe(409);
    expect((await res.json<Problem>()).code).toBe('handle_taken');
  });

  it.each([
    ['handle', { handle: 'No Caps', name: 'x' }],
    ['handle', { handle: 'ab', name: 'x' }],
    ['handle', { handle: 'a'.repeat(31), name: 'x' }],
    ['name', { handle: handle('ok'), name: '   ' }],
    ['name', { handle: handle('ok') }],
  ])('answers 400 validation_failed naming %s', async (field, body) => {
    const { token } = await makeUser();
    const before = await catalogSnapshot();
    const res = await call('POST', '/api/channels', { token, body });
    expect(res.status).toBe(400);
    const problem = await res.json<Problem>();
    expect(problem.code).toBe('validation_failed');
    expect(problem.errors?.map((e) => e.path)).toContain(field);
    expect(await catalogSnapshot()).toBe(before);
  });

  it('needs a signed-in user', async () => {
    const res = await call('POST', '/api/channels', { body: { handle: handle('anon'), name: 'x' } });
    expect(res.status).toBe(401);
  });
});

describe('GET /api/channels', () => {
  it("lists only the caller's channels, the default first", async () => {
    const { token } = await makeUser();
    expect(await callJson<{ channels: ChannelView[] }>('GET', '/api/channels', 200, { token })).toEqual({
      channels: [],
    });
    const first = await createChannel(token, { name: 'First' });
    const second = await createChannel(token, { name: 'Second' });
    await createChannel((await makeUser()).token, { name: 'Someone else' });
    const mine = await callJson<{ channels: ChannelView[] }>('GET', '/api/channels', 200, { token });
    expect(mine.channels.map((c) => c.id)).toEqual([first.id, second.id]);
    expect(mine.channels[0]?.isDefault).toBe(true);
  });

  it('finds the default channel a first video opened, and needs a signed-in user', async () => {
    const { token } = await makeUser();
    const video = await createVideo(token, { title: 'First upload' });
    const mine = await callJson<{ channels: ChannelView[] }>('GET', '/api/channels', 200, { token });
    expect(mine.channels.map((c) => c.id)).toEqual([video.channelId]);
    expect((await call('GET', '/api/channels')).status).toBe(401);
  });
});

describe('GET and PATCH /api/channels/{id}', () => {
  it('shows the public view to anyone and 404s an unknown channel', async () => {
    const { token } = await makeUser();
    const channel = await createChannel(token, { name: 'Public' });
    const got = await callJson<{ channel: ChannelView }>('GET', `/api/channels/${channel.id}`, 200);
    expect(got.channel).toEqual(channel);
    expect((await call('GET', '/api/channels/AAAAAAAAAAAAAAAA')).status).toBe(404);
    expect((await call('GET', '/api/channels/short')).status).toBe(400);
  });

  it('lets the owner and an admin change it, and nobody else', async () => {
    const owner = await makeUser();
    const other = await makeUser();
    const admin = await makeUser('admin');
    const channel = await createChannel(owner.token);
    const before = await catalogSnapshot();
    const refused = await call('PATCH', `/api/channels/${channel.id}`, {
      token: other.token,
      body: { name: 'Hijacked' },
    });
    expect(refused.status).toBe(403);
    expect(await catalogSnapshot()).toBe(before);

    const mine = await callJson<{ channel: ChannelView }>('PATCH', `/api/channels/${channel.id}`, 200, {
      token: owner.token,
      body: { name: 'Renamed', description: 'New words' },
    });
    expect(mine.channel).toMatchObject({ name: 'Renamed', description: 'New words', handle: channel.handle });
    const byAdmin = await callJson<{ channel: ChannelView }>('PATCH', `/api/channels/${channel.id}`, 200, {
      token: admin.token,
      body: { name: 'Moderated' },
    });
    expect(byAdmin.channel.name).toBe('Moderated');
  });

  it('refuses a taken handle and unknown fields on PATCH', async () => {
    const { token } = await makeUser();
    const a = await createChannel(token);
    const b = await createChannel(token);
    const clash = await call('PATCH', `/api/channels/${b.id}`, { token, body: { handle: a.handle } });
    expect(clash.status).toBe(409);
    const extra = await call('PATCH', `/api/channels/${b.id}`, { token, body: { ownerId: 'x' } });
    expect(extra.status).toBe(400);
    const stored = await row<{ handle: string }>('SELECT handle FROM channels WHERE id = ?1', b.id);
    expect(stored?.handle).toBe(b.handle);
  });
});

describe('GET /api/channels/{id}/videos', () => {
  async function channelWithVideos() {
    const owner = await makeUser();
    const channel = await createChannel(owner.token);
    const make = (body: Record<string, unknown>) =>
      createVideo(owner.token, { channelId: channel.id, ...body });
    const draft = await make({ title: 'draft', visibility: 'public' });
    const privateReady = await make({ title: 'private', visibility: 'private' });
    const unlisted = await make({ title: 'unlisted', visibility: 'unlisted' });
    const publicReady = await make({ title: 'public', visibility: 'public' });
    const adult = await make({ title: 'adult', visibility: 'public', ageRating: 18 });
    for (const v of [privateReady, unlisted, publicReady, adult]) await makeReady(v.id);
    return { owner, channel, ids: { draft, privateReady, unlisted, publicReady, adult } };
  }
  const titles = (page: VideoPage) => page.items.map((v) => v.title).sort();

  it('shows the owner every status and everyone else only ready public titles', async () => {
    const { owner, channel } = await channelWithVideos();
    const path = `/api/channels/${channel.id}/videos`;
    const own = await callJson<VideoPage>('GET', path, 200, { token: owner.token });
    expect(titles(own)).toEqual(['adult', 'draft', 'private', 'public', 'unlisted']);
    const stranger = await makeUser();
    expect(titles(await callJson<VideoPage>('GET', path, 200, { token: stranger.token }))).toEqual([
      'adult',
      'public',
    ]);
    // Signed-out visitors may see up to 16.
    expect(titles(await callJson<VideoPage>('GET', path, 200))).toEqual(['public']);
    const admin = await makeUser('admin');
    expect(titles(await callJson<VideoPage>('GET', path, 200, { token: admin.token }))).toHaveLength(5);
  });

  it('hides titles above a kids profile’s limit, even from the owner', async () => {
    const { owner, channel } = await channelWithVideos();
    await useKidsProfile(owner, 12);
    const page = await callJson<VideoPage>('GET', `/api/channels/${channel.id}/videos`, 200, {
      token: owner.token,
    });
    expect(titles(page)).not.toContain('adult');
    expect(page.items).toHaveLength(4);
  });

  it('pages the owner’s list without repeats', async () => {
    const { owner, channel } = await channelWithVideos();
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `&cursor=${cursor}` : '';
      const page: VideoPage = await callJson<VideoPage>(
        'GET',
        `/api/channels/${channel.id}/videos?limit=2${query}`,
        200,
        { token: owner.token },
      );
      seen.push(...page.items.map((v) => v.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(5);
    expect(new Set(seen).size).toBe(5);
  });
});
