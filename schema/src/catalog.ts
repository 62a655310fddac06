import {
  type AnySQLiteColumn,
  index,
  integer,
  primaryKey,
  real,
  sqliteTable,
  text,
  uniqueIndex,
} from 'drizzle-orm/sqlite-core';
import { plans, users } from './accounts.ts';
import { bool, ms } from './columns.ts';
import { assets } from './media.ts';

export const VIDEO_STATUSES = ['draft', 'uploading', 'processing', 'ready', 'failed', 'deleted'] as const;
export const VISIBILITIES = ['public', 'unlisted', 'private'] as const;

export const channels = sqliteTable(
  'channels',
  {
    id: text('id').primaryKey(),
    ownerId: text('owner_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    handle: text('handle').notNull(),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    isDefault: bool('is_default').notNull().default(false),
    createdAt: ms('created_at').notNull(),
  },
  (t) => [uniqueIndex('channels_handle_unique').on(t.handle), index('channels_owner_idx').on(t.ownerId)],
);

export const videos = sqliteTable(
  'videos',
  {
    id: text('id').primaryKey(),
    channelId: text('channel_id')
      .notNull()
      .references(() => channels.id),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    durationS: real('duration_s'),
    releaseYear: integer('release_year'),
    // Ordered scale 0/7/12/16/18 (DESIGN.md "Public contract").
    ageRating: integer('age_rating').notNull().default(0),
    language: text('language'),
    director: text('director'),
    visibility: text('visibility', { enum: VISIBILITIES }).notNull().default('private'),
    minimumPlanId: text('minimum_plan_id')
      .notNull()
      .default('free')
      .references(() => plans.id),
    status: text('status', { enum: VIDEO_STATUSES }).notNull().default('draft'),
    progress: integer('progress'),
    failureCode: text('failure_code'),
    failureMessage: text('failure_message'),
    currentAssetId: text('current_asset_id').references((): AnySQLiteColumn => assets.id),
    protected: bool('protected').notNull().default(false),
    // JSON arrays: ISO 3166-1 alpha-2 codes (empty = worldwide) and allowed embed origins.
    allowedCountries: text('allowed_countries', { mode: 'json' }).$type<string[]>().notNull().default([]),
    embedOrigins: text('embed_origins', { mode: 'json' }).$type<string[]>().notNull().default([]),
    // Markers in seconds; chapters as JSON [{ startS, title }].
    introStartS: real('intro_start_s'),
    introEndS: real('intro_end_s'),
    creditsStartS: real('credits_start_s'),
    chapters: text('chapters', { mode: 'json' })
      .$type<{ startS: number; title: string }[]>()
      .notNull()
      .default([]),
    // Scheduled snapshots written by the cron (DESIGN.md: popular/top-rated are snapshots).
    popularityScore: real('popularity_score').notNull().default(0),
    ratingScore: real('rating_score').notNull().default(0),
    createdAt: ms('created_at').notNull(),
    updatedAt: ms('updated_at').notNull(),
    // Set when a title first becomes ready; the key of the `newest` sort.
    publishedAt: ms('published_at'),
    deletedAt: ms('deleted_at'),
  },
  (t) => [
    index('videos_channel_idx').on(t.channelId, t.createdAt),
    index('videos_newest_idx').on(t.status, t.publishedAt, t.id),
    index('videos_popular_idx').on(t.status, t.popularityScore, t.id),
    index('videos_top_rated_idx').on(t.status, t.ratingScore, t.id),
  ],
);

export const genres = sqliteTable('genres', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
});

export const videoGenres = sqliteTable(
  'video_genres',
  {
    videoId: text('video_id')
      .notNull()
      .references(() => videos.id, { onDelete: 'cascade' }),
    genreId: text('genre_id')
      .notNull()
      .references(() => genres.id, { onDelete: 'cascade' }),
  },
  (t) => [
    primaryKey({ columns: [t.videoId, t.genreId] }),
    index('video_genres_genre_idx').on(t.genreId, t.videoId),
  ],
);

export const people = sqliteTable('people', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
});

export const videoCast = sqliteTable(
  'video_cast',
  {
    videoId: text('video_id')
      .notNull()
      .references(() => videos.id, { onDelete: 'cascade' }),
    personId: text('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    role: text('role').notNull().default('actor'),
    character: text('character'),
    position: integer('position').notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.videoId, t.personId, t.role] }),
    index('video_cast_person_idx').on(t.personId, t.videoId),
  ],
);

export const series = sqliteTable(
  'series',
  {
    id: text('id').primaryKey(),
    channelId: text('channel_id')
      .notNull()
      .references(() => channels.id),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    ageRating: integer('age_rating').notNull().default(0),
    language: text('language'),
    releaseYear: integer('release_year'),
    createdAt: ms('created_at').notNull(),
    updatedAt: ms('updated_at').notNull(),
    deletedAt: ms('deleted_at'),
  },
  (t) => [index('series_channel_idx').on(t.channelId)],
);

export const seasons = sqliteTable(
  'seasons',
  {
    id: text('id').primaryKey(),
    seriesId: text('series_id')
      .notNull()
      .references(() => series.id, { onDelete: 'cascade' }),
    number: integer('number').notNull(),
    title: text('title').notNull().default(''),
    createdAt: ms('created_at').notNull(),
  },
  (t) => [uniqueIndex('seasons_series_number_unique').on(t.seriesId, t.number)],
);

export const episodes = sqliteTable(
  'episodes',
  {
    id: text('id').primaryKey(),
    seasonId: text('season_id')
      .notNull()
      .references(() => seasons.id, { onDelete: 'cascade' }),
    videoId: text('video_id')
      .notNull()
      .references(() => videos.id, { onDelete: 'cascade' }),
    number: integer('number').notNull(),
    createdAt: ms('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('episodes_season_number_unique').on(t.seasonId, t.number),
    uniqueIndex('episodes_video_unique').on(t.videoId),
  ],
);
