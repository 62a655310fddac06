import { check, index, integer, primaryKey, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { sql } from 'drizzle-orm';
import { profiles } from './accounts.ts';
import { videos } from './catalog.ts';
import { bool, ms } from './columns.ts';

/** Per-profile playback position: feeds continue-watching and resume on any device. */
export const watchHistory = sqliteTable(
  'watch_history',
  {
    profileId: text('profile_id')
      .notNull()
      .references(() => profiles.id, { onDelete: 'cascade' }),
    videoId: text('video_id')
      .notNull()
      .references(() => videos.id, { onDelete: 'cascade' }),
    positionS: real('position_s').notNull(),
    completed: bool('completed').notNull().default(false),
    updatedAt: ms('updated_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.profileId, t.videoId] }),
    index('watch_history_recent_idx').on(t.profileId, t.updatedAt),
    index('watch_history_video_idx').on(t.videoId, t.updatedAt),
  ],
);

export const ratings = sqliteTable(
  'ratings',
  {
    profileId: text('profile_id')
      .notNull()
      .references(() => profiles.id, { onDelete: 'cascade' }),
    videoId: text('video_id')
      .notNull()
      .references(() => videos.id, { onDelete: 'cascade' }),
    score: integer('score').notNull(),
    review: text('review'),
    createdAt: ms('created_at').notNull(),
    updatedAt: ms('updated_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.profileId, t.videoId] }),
    index('ratings_video_idx').on(t.videoId),
    check('ratings_score_range', sql`${t.score} BETWEEN 1 AND 5`),
  ],
);

export const watchlist = sqliteTable(
  'watchlist',
  {
    profileId: text('profile_id')
      .notNull()
      .references(() => profiles.id, { onDelete: 'cascade' }),
    videoId: text('video_id')
      .notNull()
      .references(() => videos.id, { onDelete: 'cascade' }),
    addedAt: ms('added_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.profileId, t.videoId] }),
    index('watchlist_recent_idx').on(t.profileId, t.addedAt),
  ],
);
