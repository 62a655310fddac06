import type { AccountPlan, SeriesView, TitleState, VideoView } from '@reel/contracts';
import { describe, expect, it } from 'vitest';
import { readyVideo, useKidsProfile } from './catalog-fixtures.ts';
import { makeViewer } from './engagement-fixtures.ts';
import { call, callJson, makeUser } from './helpers.ts';
import { subscribe } from './playback-kit.ts';

/** The facts the app's title and account pages read: per-title state, the episode a title is, the plan. */

const stateOf = (videoId: string, token: string) =>
  callJson<TitleState>('GET', `/api/me/titles/${videoId}`, 200, { token });
const codeOf = async (res: Response) => ((await res.json()) as { code: string }).code;

describe('GET /api/me/titles/{videoId}', () => {
  it('starts empty and reflects the watchlist, rating and position of the active profile only', async () => {
    const creator = await makeUser('creator');
    const video = await readyVideo(creator.token, { title: 'Stateful' });
    const viewer = await makeViewer();
    expect(await stateOf(video.id, viewer.token)).toEqual({
      onWatchlist: false,
      rating: null,
      history: null,
    });
    await callJson('PUT', `/api/me/watchlist/${video.id}`, 200, { token: viewer.token });
    await callJson('PUT', `/api/me/ratings/${video.id}`, 200, { token: viewer.token, body: { score: 4 } });
    await callJson('PUT', `/api/me/history/${video.id}`, 200, {
      token: viewer.token,
      body: { positionS: 42, durationS: 600 },
    });
    const state = await stateOf(video.id, viewer.token);
    expect(state).toMatchObject({
      onWatchlist: true,
      rating: { score: 4, review: null },
      history: { positionS: 42, completed: false },
    });
    // Another profile of the same account has its own state.
    await useKidsProfile(viewer, 12);
    expect(await stateOf(video.id, viewer.token)).toEqual({
      onWatchlist: false,
      rating: null,
      history: null,
    });
  });

  it('is 401 signed out, 409 without a profile, 404 for a title the profile may not see', async () => {
    const creator = await makeUser('creator');
    const adult = await readyVideo(creator.token, { ageRating: 18 });
    expect((await call('GET', `/api/me/titles/${adult.id}`)).status).toBe(401);
    const fresh = await makeUser();
    const unpicked = await call('GET', `/api/me/titles/${adult.id}`, { token: fresh.token });
    expect(unpicked.status).toBe(409);
    expect(await codeOf(unpicked)).toBe('profile_not_selected');
    const kid = await makeUser();
    await useKidsProfile(kid, 12);
    const hidden = await call('GET', `/api/me/titles/${adult.id}`, { token: kid.token });
    expect(hidden.status).toBe(404);
    expect(await codeOf(hidden)).toBe('not_found');
  });
});

describe('VideoView.episode', () => {
  it('names the series, season and episode of an episode, and is null for a film', async () => {
    const owner = await makeUser('creator');
    const { series } = await callJson<{ series: SeriesView }>('POST', '/api/series', 201, {
      token: owner.token,
      body: { title: 'Llama Show', ageRating: 0 },
    });
    const { season } = await callJson<{ season: { id: string } }>(
      'POST',
      `/api/series/${series.id}/seasons`,
      201,
      {
        token: owner.token,
        body: { number: 2 },
      },
    );
    const episode = await readyVideo(owner.token, { title: 'Fence' });
    const film = await readyVideo(owner.token, { title: 'Film' });
    await callJson('POST', `/api/seasons/${season.id}/episodes`, 201, {
      token: owner.token,
      body: { videoId: episode.id, number: 3 },
    });
    const view = async (id: string) =>
      (await callJson<{ video: VideoView }>('GET', `/api/videos/${id}`, 200)).video;
    expect((await view(episode.id)).episode).toEqual({
      seriesId: series.id,
      seriesTitle: 'Llama Show',
      seasonNumber: 2,
      episodeNumber: 3,
    });
    expect((await view(film.id)).episode).toBeNull();
    // A deleted series no longer claims its episodes.
    await callJson('DELETE', `/api/series/${series.id}`, 204, { token: owner.token });
    expect((await view(episode.id)).episode).toBeNull();
  });
});

describe('GET /api/me/plan', () => {
  it('is the implicit Free plan without a subscription, the best active one with', async () => {
    const user = await makeUser();
    const free = await callJson<AccountPlan>('GET', '/api/me/plan', 200, { token: user.token });
    expect(free.plan).toMatchObject({ id: 'free', rank: 0 });
    expect(free.subscription).toBeNull();
    await subscribe(user.user.id, 'basic');
    await subscribe(user.user.id, 'standard');
    const paid = await callJson<AccountPlan>('GET', '/api/me/plan', 200, { token: user.token });
    expect(paid.plan).toMatchObject({ id: 'standard', maxShortSide: 1080 });
    expect(paid.subscription?.status).toBe('active');
    expect(Date.parse(paid.subscription?.currentPeriodEnd ?? '')).toBeGreaterThan(Date.now());
    expect((await call('GET', '/api/me/plan')).status).toBe(401);
  });
});
