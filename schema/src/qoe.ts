import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { videos } from './catalog.ts';
import { ms } from './columns.ts';

/**
 * Daily QoE rollups per video, device class and country, written by the cron from raw player beacons
 * (DESIGN.md "QoE"; docs/QOE.md). Dashboards read only these. Sums and histograms, never averages, so days
 * and groups add up exactly. Definitions follow Mux Data's.
 */
export const qoeDaily = sqliteTable(
  'qoe_daily',
  {
    videoId: text('video_id')
      .notNull()
      .references(() => videos.id, { onDelete: 'cascade' }),
    // UTC day, YYYY-MM-DD.
    day: text('day').notNull(),
    deviceClass: text('device_class').notNull(),
    // ISO 3166-1 alpha-2, or 'XX' when the edge did not say.
    country: text('country').notNull(),
    // Views (playback sessions that sent a beacon), views that reached a first frame, video start failures
    // (an error before the first frame) and exits before video start (left before the first frame, no error).
    views: integer('views').notNull(),
    starts: integer('starts').notNull(),
    startFailures: integer('start_failures').notNull(),
    exitsBeforeStart: integer('exits_before_start').notNull(),
    startupMsSum: integer('startup_ms_sum').notNull(),
    // JSON array of counts per startup bucket (docs/QOE.md: bounds in ms).
    startupHistogram: text('startup_histogram', { mode: 'json' }).$type<number[]>().notNull(),
    watchMs: integer('watch_ms').notNull(),
    rebufferMs: integer('rebuffer_ms').notNull(),
    rebufferCount: integer('rebuffer_count').notNull(),
    // Σ (time-weighted average bitrate × watch ms) of the views, in kbps·ms: ÷ watch_ms gives the average.
    bitrateKbpsMs: integer('bitrate_kbps_ms').notNull(),
    // JSON array of watch ms per bitrate bucket (docs/QOE.md).
    bitrateHistogram: text('bitrate_histogram', { mode: 'json' }).$type<number[]>().notNull(),
    switches: integer('switches').notNull(),
    droppedFrames: integer('dropped_frames').notNull(),
    updatedAt: ms('updated_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.videoId, t.day, t.deviceClass, t.country] }),
    index('qoe_daily_day_idx').on(t.day),
  ],
);
