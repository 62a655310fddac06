import { sql } from 'drizzle-orm';
import {
  type AnySQLiteColumn,
  index,
  integer,
  sqliteTable,
  text,
  uniqueIndex,
} from 'drizzle-orm/sqlite-core';
import { bool, ms } from './columns.ts';

export const ROLES = ['viewer', 'creator', 'admin'] as const;

export const users = sqliteTable(
  'users',
  {
    id: text('id').primaryKey(),
    // Stored lowercased and trimmed so the unique index is case-insensitive in effect.
    email: text('email').notNull(),
    passwordHash: text('password_hash').notNull(),
    displayName: text('display_name').notNull(),
    role: text('role', { enum: ROLES }).notNull().default('viewer'),
    createdAt: ms('created_at').notNull(),
    updatedAt: ms('updated_at').notNull(),
  },
  (t) => [uniqueIndex('users_email_unique').on(t.email)],
);

export const profiles = sqliteTable(
  'profiles',
  {
    id: text('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    isKids: bool('is_kids').notNull().default(false),
    // Highest age rating (0/7/12/16/18) this profile may see; null means no limit.
    maxAgeRating: integer('max_age_rating'),
    pinHash: text('pin_hash'),
    avatar: text('avatar').notNull().default('blue'),
    createdAt: ms('created_at').notNull(),
  },
  (t) => [uniqueIndex('profiles_user_name_unique').on(t.userId, t.name)],
);

export const sessions = sqliteTable(
  'sessions',
  {
    // Public id (listed to the user, used to revoke); the bearer token itself is only stored hashed.
    id: text('id').primaryKey(),
    tokenHash: text('token_hash').notNull(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    activeProfileId: text('active_profile_id').references((): AnySQLiteColumn => profiles.id, {
      onDelete: 'set null',
    }),
    deviceLabel: text('device_label').notNull(),
    createdAt: ms('created_at').notNull(),
    lastSeenAt: ms('last_seen_at').notNull(),
    expiresAt: ms('expires_at').notNull(),
  },
  (t) => [uniqueIndex('sessions_token_hash_unique').on(t.tokenHash), index('sessions_user_idx').on(t.userId)],
);

export const passwordResets = sqliteTable(
  'password_resets',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    expiresAt: ms('expires_at').notNull(),
    usedAt: ms('used_at'),
  },
  (t) => [index('password_resets_user_idx').on(t.userId)],
);

/** Development mail adapter: messages land here instead of leaving the machine. */
export const outboxEmails = sqliteTable('outbox_emails', {
  id: text('id').primaryKey(),
  to: text('to_address').notNull(),
  subject: text('subject').notNull(),
  body: text('body').notNull(),
  createdAt: ms('created_at').notNull().default(sql`(unixepoch() * 1000)`),
});

/** Fixed-window counters; one row per (bucket, subject, window). Old windows are swept by the cron. */
export const rateLimits = sqliteTable('rate_limits', {
  key: text('key').primaryKey(),
  windowEnds: ms('window_ends').notNull(),
  count: integer('count').notNull(),
});

export const plans = sqliteTable('plans', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  rank: integer('rank').notNull().unique(),
  // Largest short side (e.g. 1080) a plan may stream.
  maxShortSide: integer('max_short_side').notNull(),
  maxConcurrentStreams: integer('max_concurrent_streams').notNull(),
  priceCents: integer('price_cents').notNull(),
  currency: text('currency').notNull().default('USD'),
});

export const subscriptions = sqliteTable(
  'subscriptions',
  {
    id: text('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    planId: text('plan_id')
      .notNull()
      .references(() => plans.id),
    status: text('status', { enum: ['active', 'canceled', 'past_due'] }).notNull(),
    currentPeriodEnd: ms('current_period_end').notNull(),
    createdAt: ms('created_at').notNull(),
  },
  (t) => [index('subscriptions_user_idx').on(t.userId, t.status)],
);

/** Per-creator daily usage, incremented in one conditional upsert so a quota can never be overshot. */
export const creatorUsage = sqliteTable(
  'creator_usage',
  {
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    day: text('day').notNull(),
    videos: integer('videos').notNull().default(0),
    bytes: integer('bytes').notNull().default(0),
  },
  (t) => [uniqueIndex('creator_usage_pk').on(t.userId, t.day)],
);
