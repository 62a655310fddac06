import type { EpisodeView, SeasonView, SeriesView } from '@reel/contracts';
import { describe, expect, it } from 'vitest';
import {
  catalogSnapshot,
  count,
  createChannel,
  createVideo,
  readyVideo,
  useKidsProfile,
} from './catalog-fixtures.ts';
import { call, callJson, makeUser } from './helpers.ts';

type Problem = { code: string; errors?: { path: string }[] };

async function createSeries(token: string, body: Record<string, unknown> = {}) {
  const res = await callJson<{ series: SeriesView }>('POST', '/api/series', 201, {
    token,
    body: { title: 'A series', ageRating: 0, ...body },
  });
  return res.series;
}
async function addSeason(token: string, seriesId: string, number: number) {
  const res = await callJson<{ season: SeasonView }>('POST', `/api/series/${seriesId}/seasons`, 201, {
    token,
    body: { number, title: `Season ${number}` },
  });
  return res.season;
}
async function addEpisode(token: string, seasonId: string, videoId: string, number: number) {
  const res = await callJson<{ episode: EpisodeView }>('POST', `/api/seasons/${seasonId}/episodes`, 201, {
    token,
    body: { videoId, number },
  });
  return res.episode;
}
const getSeries = (id: string, token?: string) =>
  callJson<{ series: SeriesView }>('GET', `/api/series/${id}`, 200, token ? { token } : {}).then(
    (r) => r.series,
  );
const episodeTitles = (s: SeriesView) => s.seasons.map((season) => season.episodes.map((e) => e.video.title));

/** A series with two seasons: S1 = ready e1, draft e2, ready 18-rated e3; S2 = ready e1. */
async function showWithEpisodes() {
  const owner = await makeUser();
  const series = await createSeries(owner.token, { title: 'Show' });
  const s2 = await addSeason(owner.token, series.id, 2);
  const s1 = await addSeason(owner.token, series.id, 1);
  const ready1 = await readyVideo(owner.token, { title: 's1e1' });
  const draft = await createVideo(owner.token, { title: 's1e2', visibility: 'public' });
  const adult = await readyVideo(owner.token, { title: 's1e3', ageRating: 18 });
  const ready2 = await readyVideo(owner.token, { title: 's2e1' });
  await addEpisode(owner.token, s1.id, adult.id, 3);
  await addEpisode(owner.token, s1.id, ready1.id, 1);
  await addEpisode(owner.token, s1.id, draft.id, 2);
  await addEpisode(owner.token, s2.id, ready2.id, 1);
  return { owner, series, s1, s2, videos: { ready1, draft, adult, ready2 } };
}

describe('series, seasons and episodes', () => {
  it('creates a series on the caller’s default channel, or a named channel of theirs only', async () => {
    const owner = await makeUser();
    const series = await createSeries(owner.token, { language: 'pt-br', releaseYear: 2020 });
    expect(series).toMatchObject({ title: 'A series', language: 'pt-BR', releaseYear: 2020, seasons: [] });
    expect(
      await count(
        'channels',
        'id = ?1 AND owner_id = ?2 AND is_default = 1',
        series.channelId,
        owner.user.id,
      ),
    ).toBe(1);
    const other = await makeUser();
    const theirs = await createChannel(other.token);
    const before = await catalogSnapshot();
    const res = await call('POST', '/api/series', {
      token: owner.token,
      body: { title: 'x', ageRating: 0, channelId: theirs.id },
    });
    expect(res.status).toBe(403);
    expect(await catalogSnapshot()).toBe(before);
  });

  it('shows seasons and episodes in order, everything to the owner', async () => {
    const { owner, series } = await showWithEpisodes();
    const view = await getSeries(series.id, owner.token);
    expect(view.seasons.map((s) => s.number)).toEqual([1, 2]);
    expect(episodeTitles(view)).toEqual([['s1e1', 's1e2', 's1e3'], ['s2e1']]);
    expect(view.seasons[0]?.episodes.map((e) => e.number)).toEqual([1, 2, 3]);
  });

  it('hides not-ready episodes from others and age-restricted ones from kids and visitors', async () => {
    const { series } = await showWithEpisodes();
    const stranger = await makeUser();
    expect(episodeTitles(await getSeries(series.id, stranger.token))).toEqual([['s1e1', 's1e3'], ['s2e1']]);
    expect(episodeTitles(await getSeries(series.id))).toEqual([['s1e1'], ['s2e1']]);
    await useKidsProfile(stranger, 12);
    expect(episodeTitles(await getSeries(series.id, stranger.token))).toEqual([['s1e1'], ['s2e1']]);
  });

  it('404s a whole series above a kids profile’s rating', async () => {
    const owner = await makeUser();
    const series = await createSeries(owner.token, { ageRating: 18 });
    const kid = await makeUser();
    expect((await call('GET', `/api/series/${series.id}`, { token: kid.token })).status).toBe(200);
    await useKidsProfile(kid, 12);
    expect((await call('GET', `/api/series/${series.id}`, { token: kid.token })).status).toBe(404);
  });

  it('refuses duplicate season and episode numbers and a video in two places (409)', async () => {
    const { owner, series, s1, videos } = await showWithEpisodes();
    const before = await catalogSnapshot();
    const season = await call('POST', `/api/series/${series.id}/seasons`, {
      token: owner.token,
      body: { number: 1 },
    });
    expect(season.status).toBe(409);
    expect((await season.json<Problem>()).code).toBe('season_number_taken');
    const other = await readyVideo(owner.token);
    const afterVideo = await catalogSnapshot();
    const ep = await call('POST', `/api/seasons/${s1.id}/episodes`, {
      token: owner.token,
      body: { videoId: other.id, number: 1 },
    });
    expect((await ep.json<Problem>()).code).toBe('episode_number_taken');
    const twice = await call('POST', `/api/seasons/${s1.id}/episodes`, {
      token: owner.token,
      body: { videoId: videos.ready1.id, number: 9 },
    });
    expect(twice.status).toBe(409);
    expect((await twice.json<Problem>()).code).toBe('video_already_episode');
    const renumber = await call('PATCH', `/api/seasons/${s1.id}`, {
      token: owner.token,
      body: { number: 2 },
    });
    expect(renumber.status).toBe(409);
    expect(await catalogSnapshot()).toBe(afterVideo);
    expect(before).not.toBe(afterVideo);
  });

  it('only takes the series owner’s own videos as episodes', async () => {
    const { owner, s1 } = await showWithEpisodes();
    const other = await makeUser();
    const theirsVisible = await readyVideo(other.token);
    const theirsHidden = await createVideo(other.token);
    const before = await catalogSnapshot();
    const add = (videoId: string) =>
      call('POST', `/api/seasons/${s1.id}/episodes`, { token: owner.token, body: { videoId, number: 50 } });
    expect((await add(theirsVisible.id)).status).toBe(403);
    expect((await add(theirsHidden.id)).status).toBe(404);
    expect(await catalogSnapshot()).toBe(before);
  });

  it('refuses every write by another user and changes nothing', async () => {
    const { series, s1 } = await showWithEpisodes();
    const intruder = await makeUser();
    const mine = await readyVideo(intruder.token);
    const episodeId = (await getSeries(series.id)).seasons[0]?.episodes[0]?.id;
    const before = await catalogSnapshot();
    const t = intruder.token;
    const attempts = [
      call('PATCH', `/api/series/${series.id}`, { token: t, body: { title: 'Mine now' } }),
      call('DELETE', `/api/series/${series.id}`, { token: t }),
      call('POST', `/api/series/${series.id}/seasons`, { token: t, body: { number: 7 } }),
      call('PATCH', `/api/seasons/${s1.id}`, { token: t, body: { title: 'x' } }),
      call('DELETE', `/api/seasons/${s1.id}`, { token: t }),
      call('POST', `/api/seasons/${s1.id}/episodes`, { token: t, body: { videoId: mine.id, number: 60 } }),
      call('DELETE', `/api/episodes/${episodeId}`, { token: t }),
    ];
    for (const res of await Promise.all(attempts)) expect(res.status).toBe(403);
    expect(await catalogSnapshot()).toBe(before);
  });

  it('lets the owner edit and delete seasons, episodes and the series', async () => {
    const { owner, series, s1, s2, videos } = await showWithEpisodes();
    const t = owner.token;
    await callJson('PATCH', `/api/series/${series.id}`, 200, {
      token: t,
      body: { title: 'Renamed', language: null },
    });
    await callJson('PATCH', `/api/seasons/${s2.id}`, 200, { token: t, body: { number: 3, title: 'Finale' } });
    const first = (await getSeries(series.id, t)).seasons[0]?.episodes[0];
    await callJson('DELETE', `/api/episodes/${first?.id}`, 204, { token: t });
    let view = await getSeries(series.id, t);
    expect(view.title).toBe('Renamed');
    expect(view.seasons.map((s) => [s.number, s.title])).toEqual([
      [1, 'Season 1'],
      [3, 'Finale'],
    ]);
    expect(episodeTitles(view)).toEqual([['s1e2', 's1e3'], ['s2e1']]);
    // Deleting a video takes it out of its season.
    await callJson('DELETE', `/api/videos/${videos.draft.id}`, 204, { token: t });
    await callJson('DELETE', `/api/seasons/${s1.id}`, 204, { token: t });
    view = await getSeries(series.id, t);
    expect(episodeTitles(view)).toEqual([['s2e1']]);
    expect(await count('episodes', 'season_id = ?1', s1.id)).toBe(0);
    expect(await count('videos', 'id = ?1', videos.adult.id)).toBe(1);
    await callJson('DELETE', `/api/series/${series.id}`, 204, { token: t });
    expect((await call('GET', `/api/series/${series.id}`, { token: t })).status).toBe(404);
  });

  it.each([
    ['number', '/seasons', { number: -1 }],
    ['title', '', { title: '' }],
    ['videoId', '/episodes', { videoId: 'nope', number: 1 }],
  ])('answers 400 validation_failed naming %s', async (field, suffix, body) => {
    const { owner, series, s1 } = await showWithEpisodes();
    const path =
      suffix === '/episodes' ? `/api/seasons/${s1.id}/episodes` : `/api/series/${series.id}${suffix}`;
    const before = await catalogSnapshot();
    const res = await call(suffix === '' ? 'PATCH' : 'POST', path, { token: owner.token, body });
    expect(res.status).toBe(400);
    expect((await res.json<Problem>()).errors?.map((e) => e.path)).toContain(field);
    expect(await catalogSnapshot()).toBe(before);
  });
});
