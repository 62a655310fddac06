import { z } from '@hono/zod-openapi';
import { AgeRating, CountryCode, Id, PageQuery, pageOf, Timestamp } from './common.ts';

/** Channel handles: 3–30 of `a-z 0-9 _ -`, unique across Reel. */
export const ChannelHandle = z
  .string()
  .regex(/^[a-z0-9_-]{3,30}$/, 'must be 3–30 characters of a-z, 0-9, _ and -')
  .openapi({ example: 'night-owl_films' });

const Name = z.string().trim().min(1, 'must not be empty').max(100);
const Description = z.string().max(5000);
const Title = z.string().trim().min(1, 'must not be empty').max(200);

export const ChannelInput = z
  .strictObject({ handle: ChannelHandle, name: Name, description: Description.optional() })
  .openapi('ChannelInput');
export type ChannelInput = z.infer<typeof ChannelInput>;

export const ChannelPatch = z
  .strictObject({
    handle: ChannelHandle.optional(),
    name: Name.optional(),
    description: Description.optional(),
  })
  .openapi('ChannelPatch');
export type ChannelPatch = z.infer<typeof ChannelPatch>;

export const ChannelView = z
  .object({
    id: Id,
    handle: z.string(),
    name: z.string(),
    description: z.string(),
    isDefault: z.boolean(),
    createdAt: Timestamp,
  })
  .openapi('Channel');
export type ChannelView = z.infer<typeof ChannelView>;

export const VIDEO_STATUSES = ['draft', 'uploading', 'processing', 'ready', 'failed', 'deleted'] as const;
export const VideoStatus = z.enum(VIDEO_STATUSES);
export const Visibility = z.enum(['public', 'unlisted', 'private']);
export type Visibility = z.infer<typeof Visibility>;
/** Plan ids of the plan ladder (schema/migrations/0001_plans.sql); titles compare by the plan's rank. */
export const PlanId = z.enum(['free', 'basic', 'standard', 'premium']);

export const GenreId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'must be a genre id such as "sci-fi"')
  .openapi({ example: 'drama' });
export const GenreView = z.object({ id: z.string(), name: z.string() }).openapi('Genre');
export type GenreView = z.infer<typeof GenreView>;

function canonicalLanguage(tag: string): string | null {
  try {
    return Intl.getCanonicalLocales(tag)[0] ?? null;
  } catch {
    return null;
  }
}

/** A BCP 47 language tag, stored and compared in canonical form (`en-us` → `en-US`). */
export const Language = z
  .string()
  .max(35)
  .regex(/^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$/, 'must be a BCP 47 language tag such as "en-US"')
  .refine((tag) => canonicalLanguage(tag) !== null, 'must be a BCP 47 language tag such as "en-US"')
  .transform((tag) => canonicalLanguage(tag) ?? tag)
  .openapi({ example: 'en-US' });

function isHttpsOrigin(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' && url.origin === value;
  } catch {
    return false;
  }
}
export const HttpsOrigin = z
  .string()
  .max(200)
  .refine(isHttpsOrigin, 'must be an https origin such as "https://example.com" (no path, no trailing /)');

const Seconds = z.number().min(0).max(864_000);
const ReleaseYear = z.number().int().min(1870).max(2100);

export const CastInput = z.strictObject({
  name: z.string().trim().min(1, 'must not be empty').max(200),
  role: z.string().trim().min(1).max(40).optional(),
  character: z.string().trim().min(1).max(200).optional(),
});
export const Chapter = z.strictObject({ startS: Seconds, title: Title });
export type Chapter = z.infer<typeof Chapter>;

const unique = <T>(items: T[], key: (item: T) => string) => new Set(items.map(key)).size === items.length;
const increasing = (chapters: Chapter[]) =>
  chapters.every((ch, i) => i === 0 || ch.startS > (chapters[i - 1]?.startS ?? -1));

/** Lists whose entries must be unique or ordered; shared by create and patch. */
const lists = {
  allowedCountries: z
    .array(CountryCode)
    .max(250)
    .refine((l) => unique(l, String), 'must not repeat a country'),
  embedOrigins: z
    .array(HttpsOrigin)
    .max(50)
    .refine((l) => unique(l, String), 'must not repeat an origin'),
  genres: z
    .array(GenreId)
    .max(10)
    .refine((l) => unique(l, String), 'must not repeat a genre'),
  cast: z
    .array(CastInput)
    .max(50)
    .refine(
      (l) => unique(l, (m) => `${m.name}\u0000${m.role ?? 'actor'}`),
      'must not list the same person twice in one role',
    ),
  chapters: z.array(Chapter).max(100).refine(increasing, 'must be in strictly increasing startS order'),
};

type Markers = { introStartS?: number | null; introEndS?: number | null };
const markersOrdered = (m: Markers) =>
  m.introStartS == null || m.introEndS == null || m.introEndS > m.introStartS;
const MARKER_ISSUE = { message: 'must be after introStartS', path: ['introEndS'] };

export const VideoInput = z
  .strictObject({
    title: Title,
    description: Description.optional(),
    channelId: Id.optional(),
    releaseYear: ReleaseYear.optional(),
    ageRating: AgeRating,
    language: Language.optional(),
    director: Name.optional(),
    visibility: Visibility.default('private'),
    minimumPlan: PlanId.default('free'),
    protected: z.boolean().default(false),
    allowedCountries: lists.allowedCountries.default([]),
    embedOrigins: lists.embedOrigins.default([]),
    genres: lists.genres.default([]),
    cast: lists.cast.default([]),
    introStartS: Seconds.optional(),
    introEndS: Seconds.optional(),
    creditsStartS: Seconds.optional(),
    chapters: lists.chapters.default([]),
  })
  .refine(markersOrdered, MARKER_ISSUE)
  .openapi('VideoInput');
export type VideoInput = z.infer<typeof VideoInput>;

/** Every field optional; `null` clears an optional one. `status` is never writable by clients. */
export const VideoPatch = z
  .strictObject({
    title: Title.optional(),
    description: Description.optional(),
    releaseYear: ReleaseYear.nullable().optional(),
    ageRating: AgeRating.optional(),
    language: Language.nullable().optional(),
    director: Name.nullable().optional(),
    visibility: Visibility.optional(),
    minimumPlan: PlanId.optional(),
    protected: z.boolean().optional(),
    allowedCountries: lists.allowedCountries.optional(),
    embedOrigins: lists.embedOrigins.optional(),
    genres: lists.genres.optional(),
    cast: lists.cast.optional(),
    introStartS: Seconds.nullable().optional(),
    introEndS: Seconds.nullable().optional(),
    creditsStartS: Seconds.nullable().optional(),
    chapters: lists.chapters.optional(),
  })
  .refine(markersOrdered, MARKER_ISSUE)
  .openapi('VideoPatch');
export type VideoPatch = z.infer<typeof VideoPatch>;

export const FailureReason = z.object({ code: z.string(), message: z.string() });

export const VideoSummary = z
  .object({
    id: Id,
    channelId: Id,
    title: z.string(),
    durationS: z.number().nullable(),
    releaseYear: z.number().int().nullable(),
    ageRating: AgeRating,
    language: z.string().nullable(),
    visibility: Visibility,
    minimumPlan: z.string().openapi({ example: 'free' }),
    status: VideoStatus,
    progress: z.number().int().min(0).max(100).nullable(),
    createdAt: Timestamp,
    publishedAt: Timestamp.nullable(),
    /**
     * `/api/videos/{id}/poster.jpg?v={assetVersion}` for ready public or unlisted titles with published
     * media; null otherwise (clients draw a placeholder instead of requesting an image that is not there).
     */
    posterUrl: z.string().nullable().openapi({ example: '/api/videos/Xy3kQ9mN2pL7vR4t/poster.jpg?v=a1' }),
  })
  .openapi('VideoSummary');
export type VideoSummary = z.infer<typeof VideoSummary>;

export const CastView = z.object({ name: z.string(), role: z.string(), character: z.string().nullable() });

/** Where an episode sits: enough for a title page to link to its series. */
export const EpisodeRef = z
  .object({
    seriesId: Id,
    seriesTitle: z.string(),
    seasonNumber: z.number().int(),
    episodeNumber: z.number().int(),
  })
  .openapi('EpisodeRef');
export type EpisodeRef = z.infer<typeof EpisodeRef>;

export const VideoView = VideoSummary.extend({
  description: z.string(),
  director: z.string().nullable(),
  failureReason: FailureReason.nullable(),
  protected: z.boolean(),
  allowedCountries: z.array(z.string()),
  embedOrigins: z.array(z.string()),
  genres: z.array(GenreView),
  cast: z.array(CastView),
  markers: z.object({
    introStartS: z.number().nullable(),
    introEndS: z.number().nullable(),
    creditsStartS: z.number().nullable(),
  }),
  chapters: z.array(z.object({ startS: z.number(), title: z.string() })),
  /** The series episode this title is, when it is one (of a series that is not deleted). */
  episode: EpisodeRef.nullable(),
  updatedAt: Timestamp,
  /** Owners and admins only: the published asset's id; it changes whenever a new version is published. */
  assetVersion: z.string().nullable().optional(),
}).openapi('Video');
export type VideoView = z.infer<typeof VideoView>;

export const CATALOG_SORTS = ['newest', 'popular', 'top_rated'] as const;
export const CatalogSort = z.enum(CATALOG_SORTS);
export type CatalogSort = z.infer<typeof CatalogSort>;

/** Longest `q` accepted: titles are at most 200 characters, and nobody types more than this. */
export const MAX_SEARCH_LENGTH = 100;

/** `GET /api/videos`: only ready public titles within the caller's age limit. */
export const CatalogQuery = PageQuery.extend({
  q: z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(MAX_SEARCH_LENGTH)
    .optional()
    .openapi({
      example: 'bunny',
      description:
        'case-insensitive substring of the title; each page scans a bounded window of the catalog, so a page ' +
        'may hold fewer than `limit` titles (even none) while `nextCursor` says there is more to scan',
    }),
  genre: GenreId.optional(),
  year: z.coerce.number().pipe(ReleaseYear).optional().openapi({ type: 'integer', example: 2008 }),
  language: Language.optional(),
  ageRating: z.coerce
    .number()
    .pipe(AgeRating)
    .optional()
    .openapi({ type: 'integer', enum: [0, 7, 12, 16, 18], description: 'highest age rating to list' }),
  sort: CatalogSort.default('newest'),
});
export type CatalogQuery = z.infer<typeof CatalogQuery>;

export const VideoPage = pageOf(VideoSummary).openapi('VideoPage');
export type VideoPage = z.infer<typeof VideoPage>;

export const SeriesInput = z
  .strictObject({
    title: Title,
    description: Description.optional(),
    channelId: Id.optional(),
    ageRating: AgeRating,
    language: Language.optional(),
    releaseYear: ReleaseYear.optional(),
  })
  .openapi('SeriesInput');
export type SeriesInput = z.infer<typeof SeriesInput>;

export const SeriesPatch = z
  .strictObject({
    title: Title.optional(),
    description: Description.optional(),
    ageRating: AgeRating.optional(),
    language: Language.nullable().optional(),
    releaseYear: ReleaseYear.nullable().optional(),
  })
  .openapi('SeriesPatch');
export type SeriesPatch = z.infer<typeof SeriesPatch>;

const SeasonNumber = z.number().int().min(0).max(1000);
export const SeasonInput = z
  .strictObject({ number: SeasonNumber, title: z.string().trim().max(200).optional() })
  .openapi('SeasonInput');
export type SeasonInput = z.infer<typeof SeasonInput>;
export const SeasonPatch = SeasonInput.partial().openapi('SeasonPatch');
export type SeasonPatch = z.infer<typeof SeasonPatch>;

export const EpisodeInput = z
  .strictObject({ videoId: Id, number: z.number().int().min(1).max(10_000) })
  .openapi('EpisodeInput');
export type EpisodeInput = z.infer<typeof EpisodeInput>;

export const EpisodeView = z
  .object({ id: Id, seasonId: Id, number: z.number().int(), video: VideoSummary })
  .openapi('Episode');
export type EpisodeView = z.infer<typeof EpisodeView>;

export const SeasonView = z
  .object({
    id: Id,
    seriesId: Id,
    number: z.number().int(),
    title: z.string(),
    episodes: z.array(EpisodeView),
  })
  .openapi('Season');
export type SeasonView = z.infer<typeof SeasonView>;

export const SeriesView = z
  .object({
    id: Id,
    channelId: Id,
    title: z.string(),
    description: z.string(),
    ageRating: AgeRating,
    language: z.string().nullable(),
    releaseYear: z.number().int().nullable(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
    seasons: z.array(SeasonView),
  })
  .openapi('Series');
export type SeriesView = z.infer<typeof SeriesView>;

export const ChannelEnvelope = z.object({ channel: ChannelView }).openapi('ChannelEnvelope');
export const VideoEnvelope = z.object({ video: VideoView }).openapi('VideoEnvelope');
export const SeriesEnvelope = z.object({ series: SeriesView }).openapi('SeriesEnvelope');
export const SeasonEnvelope = z.object({ season: SeasonView }).openapi('SeasonEnvelope');
export const EpisodeEnvelope = z.object({ episode: EpisodeView }).openapi('EpisodeEnvelope');
export const GenreList = z.object({ genres: z.array(GenreView) }).openapi('GenreList');
