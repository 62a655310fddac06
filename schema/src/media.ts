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
import { videos } from './catalog.ts';
import { bool, ms } from './columns.ts';

/** One transcode attempt's published output; a video plays only its `current_asset_id`. */
export const assets = sqliteTable(
  'assets',
  {
    id: text('id').primaryKey(),
    videoId: text('video_id')
      .notNull()
      .references((): AnySQLiteColumn => videos.id, { onDelete: 'cascade' }),
    // R2 prefix `videos/{id}/a/{attemptId}/` (DESIGN.md "Transcode").
    prefix: text('prefix').notNull(),
    status: text('status', { enum: ['pending', 'published', 'superseded'] }).notNull(),
    createdAt: ms('created_at').notNull(),
    publishedAt: ms('published_at'),
  },
  (t) => [index('assets_video_idx').on(t.videoId, t.status)],
);

export const renditions = sqliteTable(
  'renditions',
  {
    id: text('id').primaryKey(),
    assetId: text('asset_id')
      .notNull()
      .references(() => assets.id, { onDelete: 'cascade' }),
    // Codec and short side, e.g. `h264-720` (DESIGN.md token path layout).
    rungId: text('rung_id').notNull(),
    kind: text('kind', { enum: ['video', 'audio', 'subtitles'] }).notNull(),
    codecs: text('codecs').notNull(),
    width: integer('width'),
    height: integer('height'),
    bandwidth: integer('bandwidth').notNull(),
    averageBandwidth: integer('average_bandwidth'),
    frameRate: real('frame_rate'),
    language: text('language'),
  },
  (t) => [uniqueIndex('renditions_asset_rung_unique').on(t.assetId, t.rungId)],
);

/**
 * A creator's subtitle text per language (`videos/{id}/subtitles/{language}.{format}` in R2). Every transcode
 * reads the current tracks at lease time and renders them into the asset as WebVTT renditions.
 */
export const subtitleTracks = sqliteTable(
  'subtitle_tracks',
  {
    videoId: text('video_id')
      .notNull()
      .references(() => videos.id, { onDelete: 'cascade' }),
    // BCP 47, e.g. `en`, `pt-BR`.
    language: text('language').notNull(),
    label: text('label').notNull(),
    format: text('format', { enum: ['srt', 'vtt'] }).notNull(),
    key: text('key').notNull(),
    createdAt: ms('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.videoId, t.language] })],
);

export const JOB_STATES = ['queued', 'leased', 'done', 'failed'] as const;

export const jobs = sqliteTable(
  'jobs',
  {
    id: text('id').primaryKey(),
    videoId: text('video_id')
      .notNull()
      .references(() => videos.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    state: text('state', { enum: JOB_STATES }).notNull().default('queued'),
    attempts: integer('attempts').notNull().default(0),
    maxAttempts: integer('max_attempts').notNull().default(3),
    // Fencing token: bumped on every lease; calls carrying an older one are refused (lease_lost).
    leaseToken: integer('lease_token').notNull().default(0),
    leaseExpiresAt: ms('lease_expires_at'),
    availableAt: ms('available_at').notNull(),
    progress: integer('progress'),
    lastError: text('last_error'),
    // The asset this job published. Set by `complete`'s first, lease-guarded statement to a fresh id, so the
    // rest of the publishing batch can tell that THIS call won (workers/api/src/domain/publish.ts).
    assetId: text('asset_id'),
    payload: text('payload', { mode: 'json' }).$type<Record<string, unknown>>().notNull().default({}),
    createdAt: ms('created_at').notNull(),
    updatedAt: ms('updated_at').notNull(),
  },
  (t) => [index('jobs_lease_idx').on(t.state, t.availableAt), index('jobs_video_idx').on(t.videoId)],
);

/** R2 prefixes to delete once due (deleted videos, superseded attempts); drained by the cron. */
export const mediaRemovals = sqliteTable(
  'media_removals',
  {
    prefix: text('prefix').primaryKey(),
    dueAt: ms('due_at').notNull(),
  },
  (t) => [index('media_removals_due_idx').on(t.dueAt)],
);

/**
 * Nonces of signed service requests (packages/signing), kept until their timestamp can no longer pass the
 * clock-skew check; a second use is refused by the primary key. Swept by the cron.
 */
export const serviceNonces = sqliteTable(
  'service_nonces',
  {
    nonce: text('nonce').primaryKey(),
    expiresAt: ms('expires_at').notNull(),
  },
  (t) => [index('service_nonces_expires_idx').on(t.expiresAt)],
);

/**
 * One playback: what `POST /api/videos/{id}/playback` issued a token for. The media worker reads it on every
 * playlist and key request, so revoking it (or the login session it came from, or the video) stops existing
 * tokens there (DESIGN.md "Playback and enforcement": the revocation set).
 */
export const playbackSessions = sqliteTable(
  'playback_sessions',
  {
    // Random 128-bit id: the token's `sid`, and the capability that authenticates heartbeats.
    id: text('id').primaryKey(),
    videoId: text('video_id')
      .notNull()
      .references(() => videos.id, { onDelete: 'cascade' }),
    assetId: text('asset_id').notNull(),
    // Null for signed-out viewers of free public/unlisted titles (embeds).
    userId: text('user_id'),
    // The login session that asked; playback stops when it is revoked (the row disappears).
    authSessionId: text('auth_session_id'),
    // Owner or admin at issue time: still allowed once the title turns private.
    privileged: bool('privileged').notNull().default(false),
    deviceLabel: text('device_label').notNull(),
    createdAt: ms('created_at').notNull(),
    expiresAt: ms('expires_at').notNull(),
    revokedAt: ms('revoked_at'),
  },
  (t) => [
    index('playback_sessions_user_idx').on(t.userId, t.createdAt),
    index('playback_sessions_expires_idx').on(t.expiresAt),
  ],
);

/**
 * AES-128 content keys of a protected attempt (DESIGN.md "Protection"), wrapped (AES-KW) under a key derived from
 * MEDIA_KEY_SECRET; only the media worker unwraps them, after the token check.
 */
export const mediaKeys = sqliteTable(
  'media_keys',
  {
    attemptId: text('attempt_id').notNull(),
    videoId: text('video_id')
      .notNull()
      .references(() => videos.id, { onDelete: 'cascade' }),
    tier: text('tier', { enum: ['sd', 'hd'] }).notNull(),
    wrapped: text('wrapped').notNull(),
    createdAt: ms('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.attemptId, t.tier] })],
);

/**
 * The development MetricsSink (production writes to Analytics Engine): raw CMCD records and player beacons.
 * They carry no IP address and are deleted after a week by the cron (DESIGN.md "QoE").
 */
export const metricsEvents = sqliteTable(
  'metrics_events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    kind: text('kind', { enum: ['cmcd', 'beacon'] }).notNull(),
    at: ms('at').notNull(),
    videoId: text('video_id'),
    sessionId: text('session_id'),
    data: text('data', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
  },
  (t) => [index('metrics_events_at_idx').on(t.at), index('metrics_events_video_idx').on(t.videoId, t.at)],
);
