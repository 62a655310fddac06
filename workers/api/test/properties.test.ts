import { env } from 'cloudflare:test';
import { CatalogQuery, ChannelInput, ChannelPatch, VideoInput, VideoPatch } from '@reel/contracts';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { catalogSnapshot, createVideo } from './catalog-fixtures.ts';
import { call } from './helpers.ts';
import {
  checkWrite,
  expectedStatuses,
  genreIds,
  makeOwner,
  nearlyValid,
  type Owned,
  pickId,
  RUNS,
  targets,
  wild,
} from './property-kit.ts';

const TIMEOUT = 60_000;
let victim: Owned;
let genres: string[];
beforeAll(async () => {
  victim = await makeOwner();
  genres = await genreIds();
});

const channelFields = {
  handle: fc.stringMatching(/^[a-z0-9_-]{3,30}$/),
  name: fc.string({ minLength: 1, maxLength: 100 }),
  description: fc.string({ maxLength: 100 }),
};

const videoFields = () => ({
  title: fc.string({ minLength: 1, maxLength: 60 }),
  description: fc.string({ maxLength: 80 }),
  releaseYear: fc.integer({ min: 1870, max: 2100 }),
  ageRating: fc.constantFrom(0, 7, 12, 16, 18),
  language: fc.constantFrom('en', 'en-US', 'pt-br', 'zh-Hant-TW'),
  director: fc.string({ minLength: 1, maxLength: 40 }),
  visibility: fc.constantFrom('public', 'unlisted', 'private'),
  minimumPlan: fc.constantFrom('free', 'basic', 'standard', 'premium'),
  protected: fc.boolean(),
  allowedCountries: fc.uniqueArray(fc.constantFrom('DE', 'US', 'FR', 'JP'), { maxLength: 3 }),
  embedOrigins: fc.uniqueArray(fc.constantFrom('https://a.example', 'https://b.example:8443'), {
    maxLength: 2,
  }),
  genres: fc.uniqueArray(fc.constantFrom(...genres), { maxLength: 2 }),
  cast: fc.uniqueArray(
    fc.record({ name: fc.string({ minLength: 1, maxLength: 20 }), role: fc.constantFrom('actor', 'voice') }),
    { maxLength: 3, selector: (m) => `${m.name.trim()}|${m.role}` },
  ),
  // Always ordered, whatever an earlier run stored: marker refusals are covered in videos.test.ts.
  introStartS: fc.integer({ min: 0, max: 100 }),
  introEndS: fc.integer({ min: 101, max: 200 }),
  creditsStartS: fc.double({ min: 0, max: 1000, noNaN: true }),
  chapters: fc.constantFrom(
    [],
    [{ startS: 0, title: 'a' }],
    [
      { startS: 0, title: 'a' },
      { startS: 5.5, title: 'b' },
    ],
  ),
});
const keysOf = (o: object) => Object.keys(o);

describe('channels: hostile input never 5xx and never touches another user’s rows', () => {
  it(
    'POST /api/channels',
    async () => {
      const actor = await makeOwner();
      const body = nearlyValid(
        fc.record(channelFields, { requiredKeys: ['handle', 'name'] }),
        keysOf(channelFields),
      );
      await fc.assert(
        fc.asyncProperty(body, async (b) => {
          const status = await checkWrite(actor, { method: 'POST', path: '/api/channels', body: b });
          expect(ChannelInput.safeParse(b).success ? [201, 409] : [400]).toContain(status);
        }),
        RUNS,
      );
    },
    TIMEOUT,
  );

  it(
    'PATCH /api/channels/{id}',
    async () => {
      const actor = await makeOwner();
      const body = nearlyValid(fc.record(channelFields, { requiredKeys: [] }), keysOf(channelFields));
      await fc.assert(
        fc.asyncProperty(targets, body, async (target, b) => {
          const id = pickId(target, actor.channelId, victim.channelId);
          const status = await checkWrite(actor, { method: 'PATCH', path: `/api/channels/${id}`, body: b });
          const valid = ChannelPatch.safeParse(b).success;
          expect(expectedStatuses(valid, target).filter((s) => s !== 201 && s !== 204)).toContain(status);
        }),
        RUNS,
      );
    },
    TIMEOUT,
  );
});

describe('videos: hostile input never 5xx and never touches another user’s rows', () => {
  it(
    'POST /api/videos',
    async () => {
      const actor = await makeOwner();
      const channel = fc.constantFrom<'own' | 'other' | 'missing' | 'none'>(
        'own',
        'other',
        'missing',
        'none',
      );
      const valid = fc.record(videoFields(), { requiredKeys: ['title', 'ageRating'] });
      await fc.assert(
        fc.asyncProperty(nearlyValid(valid, keysOf(videoFields())), channel, async (b, which) => {
          // The daily quota is tested on its own; here it would only cut the run short.
          await env.DB.prepare('DELETE FROM creator_usage WHERE user_id = ?1').bind(actor.userId).run();
          const channelId = {
            own: actor.channelId,
            other: victim.channelId,
            missing: 'AAAAAAAAAAAAAAAA',
            none: undefined,
          };
          const body = which === 'none' ? b : { ...b, channelId: channelId[which] };
          const status = await checkWrite(actor, { method: 'POST', path: '/api/videos', body });
          const expected = { own: 201, none: 201, other: 403, missing: 404 }[which];
          expect(VideoInput.safeParse(body).success ? [expected] : [400]).toContain(status);
        }),
        RUNS,
      );
    },
    TIMEOUT,
  );

  it(
    'PATCH /api/videos/{id}',
    async () => {
      const actor = await makeOwner();
      const body = nearlyValid(fc.record(videoFields(), { requiredKeys: [] }), keysOf(videoFields()));
      await fc.assert(
        fc.asyncProperty(targets, body, async (target, b) => {
          const id = pickId(target, actor.videoId, victim.videoId, victim.hiddenVideoId);
          const status = await checkWrite(actor, { method: 'PATCH', path: `/api/videos/${id}`, body: b });
          const expected = expectedStatuses(VideoPatch.safeParse(b).success, target);
          expect(expected.filter((s) => s !== 201 && s !== 204 && s !== 409)).toContain(status);
        }),
        RUNS,
      );
    },
    TIMEOUT,
  );

  it(
    'DELETE /api/videos/{id}',
    async () => {
      const actor = await makeOwner();
      await fc.assert(
        fc.asyncProperty(targets, async (target) => {
          const own =
            target === 'own' ? (await createVideo(actor.token, { channelId: actor.channelId })).id : '';
          const id = pickId(target, own, victim.videoId, victim.hiddenVideoId);
          const status = await checkWrite(actor, { method: 'DELETE', path: `/api/videos/${id}` });
          expect(expectedStatuses(true, target).filter((s) => s === 204 || s >= 400)).toContain(status);
        }),
        { numRuns: 25 },
      );
    },
    TIMEOUT,
  );
});

describe('raw bodies: malformed JSON and wrong content types', () => {
  it(
    'answer 400 or 415 on every write route with a body and change nothing',
    async () => {
      const actor = await makeOwner();
      const routes = [
        ['POST', '/api/channels'],
        ['PATCH', `/api/channels/${actor.channelId}`],
        ['POST', '/api/videos'],
        ['PATCH', `/api/videos/${actor.videoId}`],
        ['POST', '/api/series'],
        ['PATCH', `/api/series/${actor.seriesId}`],
        ['POST', `/api/series/${actor.seriesId}/seasons`],
        ['PATCH', `/api/seasons/${actor.seasonId}`],
        ['POST', `/api/seasons/${actor.seasonId}/episodes`],
      ] as const;
      const raw = fc.oneof(
        fc.string({ maxLength: 200 }),
        wild.map((v) => JSON.stringify(v) ?? 'null'),
      );
      const contentType = fc.constantFrom(
        'application/json',
        'text/plain',
        'application/x-www-form-urlencoded',
      );
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...routes), raw, contentType, async ([method, path], text, type) => {
          const parsed = (() => {
            try {
              return { ok: true, value: JSON.parse(text) as unknown };
            } catch {
              return { ok: false, value: undefined };
            }
          })();
          // A JSON object might be a valid body: the typed properties above cover those.
          fc.pre(
            !(
              parsed.ok &&
              typeof parsed.value === 'object' &&
              parsed.value !== null &&
              !Array.isArray(parsed.value)
            ),
          );
          const status = await checkWrite(actor, { method, path, raw: text, contentType: type });
          expect([400, 415]).toContain(status);
        }),
        { numRuns: 100 },
      );
    },
    TIMEOUT,
  );
});

describe('GET /api/videos query strings', () => {
  const cursorish = fc.oneof(
    fc.string({ maxLength: 40 }),
    fc.base64String({ maxLength: 80 }),
    wild.map((v) => btoa(JSON.stringify(v) ?? '').replaceAll('=', '')),
    fc
      .record({ o: fc.constantFrom('newest', 'popular', 'created'), k: fc.double(), i: fc.string() })
      .map((c) => btoa(JSON.stringify(c)).replaceAll('=', '')),
  );
  const value = fc.oneof(
    fc.string({ maxLength: 30 }),
    fc.integer({ min: -5, max: 3000 }).map(String),
    fc.constantFrom('newest', 'popular', 'top_rated', 'en-US', '18', '12', '0', '2020', 'drama', ''),
    cursorish,
  );
  const key = fc.constantFrom('genre', 'year', 'language', 'ageRating', 'sort', 'limit', 'cursor', 'other');
  const query = fc.array(fc.tuple(key, value), { maxLength: 5 });

  it(
    'never answer 5xx, answer 400 exactly when invalid, and change nothing',
    async () => {
      await fc.assert(
        fc.asyncProperty(query, async (pairs) => {
          const params = new URLSearchParams(pairs);
          const before = await catalogSnapshot();
          const res = await call('GET', `/api/videos?${params}`);
          expect(res.status).toBeLessThan(500);
          // As hono's validator reads a query: a repeated key becomes an array.
          const model = Object.fromEntries(
            [...new Set(params.keys())].map((k) => {
              const all = params.getAll(k);
              return [k, all.length === 1 ? all[0] : all];
            }),
          );
          const parsed = CatalogQuery.safeParse(model);
          if (!parsed.success) expect(res.status).toBe(400);
          else expect([200, 400]).toContain(res.status);
          if (res.status === 400 && parsed.success) {
            expect((await res.json<{ code: string }>()).code).toBe('invalid_cursor');
          }
          expect(await catalogSnapshot()).toBe(before);
        }),
        { numRuns: 100 },
      );
    },
    TIMEOUT,
  );
});
