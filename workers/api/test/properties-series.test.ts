import { EpisodeInput, SeasonInput, SeasonPatch, SeriesInput, SeriesPatch } from '@reel/contracts';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { createVideo } from './catalog-fixtures.ts';
import { callJson } from './helpers.ts';
import {
  checkWrite,
  expectedStatuses,
  makeOwner,
  nearlyValid,
  type Owned,
  pickId,
  RUNS,
  type Target,
  targets,
} from './property-kit.ts';

const TIMEOUT = 60_000;
let victim: Owned;
beforeAll(async () => {
  victim = await makeOwner();
});

const seriesFields = {
  title: fc.string({ minLength: 1, maxLength: 60 }),
  description: fc.string({ maxLength: 80 }),
  ageRating: fc.constantFrom(0, 7, 12, 16, 18),
  language: fc.constantFrom('en', 'de-AT', 'sr-Latn'),
  releaseYear: fc.integer({ min: 1870, max: 2100 }),
};
const seasonFields = { number: fc.integer({ min: -2, max: 1002 }), title: fc.string({ maxLength: 210 }) };
const writeStatuses = (valid: boolean, target: Target, success: number) =>
  expectedStatuses(valid, target).filter((s) => s === success || s === 409 || s >= 400);

let seasonNumber = 100;
async function freshSeason(actor: Owned) {
  const { season } = await callJson<{ season: { id: string } }>(
    'POST',
    `/api/series/${actor.seriesId}/seasons`,
    201,
    { token: actor.token, body: { number: seasonNumber++ } },
  );
  return season.id;
}

describe('series: hostile input never 5xx and never touches another user’s rows', () => {
  it(
    'POST /api/series',
    async () => {
      const actor = await makeOwner();
      const body = nearlyValid(
        fc.record(seriesFields, { requiredKeys: ['title', 'ageRating'] }),
        Object.keys(seriesFields),
      );
      const channel = fc.constantFrom(undefined, 'own', 'other');
      await fc.assert(
        fc.asyncProperty(body, channel, async (b, which) => {
          const channelId =
            which === 'own' ? actor.channelId : which === 'other' ? victim.channelId : undefined;
          const full = channelId ? { ...b, channelId } : b;
          const status = await checkWrite(actor, { method: 'POST', path: '/api/series', body: full });
          const ok = which === 'other' ? 403 : 201;
          expect(SeriesInput.safeParse(full).success ? [ok] : [400]).toContain(status);
        }),
        RUNS,
      );
    },
    TIMEOUT,
  );

  it(
    'PATCH /api/series/{id}',
    async () => {
      const actor = await makeOwner();
      const body = nearlyValid(fc.record(seriesFields, { requiredKeys: [] }), Object.keys(seriesFields));
      await fc.assert(
        fc.asyncProperty(targets, body, async (target, b) => {
          const id = pickId(target, actor.seriesId, victim.seriesId);
          const status = await checkWrite(actor, { method: 'PATCH', path: `/api/series/${id}`, body: b });
          expect(writeStatuses(SeriesPatch.safeParse(b).success, target, 200)).toContain(status);
        }),
        RUNS,
      );
    },
    TIMEOUT,
  );

  it(
    'POST /api/series/{id}/seasons and PATCH /api/seasons/{id}',
    async () => {
      const actor = await makeOwner();
      const create = nearlyValid(
        fc.record(seasonFields, { requiredKeys: ['number'] }),
        Object.keys(seasonFields),
      );
      const patch = nearlyValid(fc.record(seasonFields, { requiredKeys: [] }), Object.keys(seasonFields));
      await fc.assert(
        fc.asyncProperty(targets, create, patch, async (target, c, p) => {
          const seriesId = pickId(target, actor.seriesId, victim.seriesId);
          const created = await checkWrite(actor, {
            method: 'POST',
            path: `/api/series/${seriesId}/seasons`,
            body: c,
          });
          expect(writeStatuses(SeasonInput.safeParse(c).success, target, 201)).toContain(created);
          const seasonId = pickId(target, actor.seasonId, victim.seasonId);
          const patched = await checkWrite(actor, {
            method: 'PATCH',
            path: `/api/seasons/${seasonId}`,
            body: p,
          });
          expect(writeStatuses(SeasonPatch.safeParse(p).success, target, 200)).toContain(patched);
        }),
        RUNS,
      );
    },
    TIMEOUT,
  );

  it(
    'POST /api/seasons/{id}/episodes',
    async () => {
      const actor = await makeOwner();
      const video = fc.constantFrom('ownFresh', 'ownUsed', 'other', 'otherHidden', 'missing');
      const number = fc.oneof(fc.integer({ min: 1, max: 30 }), fc.integer({ min: -5, max: 0 }));
      await fc.assert(
        fc.asyncProperty(targets, video, number, async (target, which, n) => {
          const fresh =
            which === 'ownFresh' ? (await createVideo(actor.token, { channelId: actor.channelId })).id : '';
          const videoId = {
            ownFresh: fresh,
            ownUsed: actor.videoId,
            other: victim.videoId,
            otherHidden: victim.hiddenVideoId,
            missing: 'AAAAAAAAAAAAAAAA',
          }[which];
          const seasonId = pickId(target, actor.seasonId, victim.seasonId);
          const body = { videoId, number: n };
          const status = await checkWrite(actor, {
            method: 'POST',
            path: `/api/seasons/${seasonId}/episodes`,
            body,
          });
          const valid = EpisodeInput.safeParse(body).success;
          if (!valid || target !== 'own') expect(writeStatuses(valid, target, 201)).toContain(status);
          else if (which === 'other') expect(status).toBe(403);
          else if (which === 'otherHidden' || which === 'missing') expect(status).toBe(404);
          else expect([201, 409]).toContain(status);
        }),
        RUNS,
      );
    },
    TIMEOUT,
  );

  it(
    'DELETE /api/series/{id}, /api/seasons/{id} and /api/episodes/{id}',
    async () => {
      const actor = await makeOwner();
      const kind = fc.constantFrom('series', 'seasons', 'episodes');
      await fc.assert(
        fc.asyncProperty(kind, targets, async (k, target) => {
          let own = '';
          if (target === 'own' && k === 'series') {
            const made = await callJson<{ series: { id: string } }>('POST', '/api/series', 201, {
              token: actor.token,
              body: { title: 'Doomed', ageRating: 0 },
            });
            own = made.series.id;
          } else if (target === 'own' && k === 'seasons') own = await freshSeason(actor);
          else if (target === 'own') {
            const v = await createVideo(actor.token, { channelId: actor.channelId });
            const made = await callJson<{ episode: { id: string } }>(
              'POST',
              `/api/seasons/${actor.seasonId}/episodes`,
              201,
              {
                token: actor.token,
                body: { videoId: v.id, number: seasonNumber++ },
              },
            );
            own = made.episode.id;
          }
          const other = { series: victim.seriesId, seasons: victim.seasonId, episodes: victim.episodeId }[k];
          const status = await checkWrite(actor, {
            method: 'DELETE',
            path: `/api/${k}/${pickId(target, own, other)}`,
          });
          expect(writeStatuses(true, target, 204).filter((s) => s !== 409)).toContain(status);
        }),
        RUNS,
      );
    },
    TIMEOUT,
  );
});
