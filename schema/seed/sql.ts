/**
 * Builds the demo seed as idempotent SQL (INSERT OR IGNORE / upserts), run with
 * `wrangler d1 execute DB --local --file`. Ids are derived from slugs so re-running changes nothing.
 */
import { createHash, pbkdf2Sync, randomBytes } from 'node:crypto';
import { DEMO_ACCOUNTS, DEMO_CHANNELS, DEMO_GENRES, DEMO_SERIES, DEMO_VIDEOS } from './demo.ts';

type Value = string | number | boolean | null;

export const literal = (v: Value): string =>
  v === null
    ? 'NULL'
    : typeof v === 'boolean'
      ? v
        ? '1'
        : '0'
      : typeof v === 'number'
        ? String(v)
        : `'${v.replaceAll("'", "''")}'`;

/** A deterministic 16-character id for a seed slug (same alphabet as the API's `newId`). */
export const seedId = (slug: string): string =>
  createHash('sha256').update(`reel-seed:${slug}`).digest('base64url').slice(0, 16);

const insert = (table: string, row: Record<string, Value>, verb = 'INSERT OR IGNORE') =>
  `${verb} INTO ${table} (${Object.keys(row).join(', ')}) VALUES (${Object.values(row).map(literal).join(', ')});`;

/** Same self-describing format as the API's `hashPassword` (PBKDF2-SHA256, 100,000 iterations). */
export function hashPassword(password: string): string {
  const salt = randomBytes(16);
  const hash = pbkdf2Sync(password, salt, 100_000, 32, 'sha256');
  return `pbkdf2-sha256$100000$${salt.toString('base64url')}$${hash.toString('base64url')}`;
}

function accountStatements(passwords: Record<string, string>, now: number): string[] {
  return DEMO_ACCOUNTS.flatMap((a) => {
    const id = seedId(`user:${a.key}`);
    const hash = hashPassword(passwords[a.key] ?? '');
    return [
      `INSERT INTO users (id, email, password_hash, display_name, role, created_at, updated_at) VALUES (${[id, a.email, hash, a.displayName, a.role, now, now].map(literal).join(', ')}) ON CONFLICT (email) DO UPDATE SET password_hash = excluded.password_hash;`,
      insert('profiles', {
        id: seedId(`profile:${a.key}`),
        user_id: id,
        name: a.displayName,
        is_kids: false,
        max_age_rating: null,
        created_at: now,
      }),
    ];
  }).concat(
    insert('profiles', {
      id: seedId('profile:viewer-kids'),
      user_id: seedId('user:viewer'),
      name: 'Kids',
      is_kids: true,
      max_age_rating: 7,
      avatar: 'green',
      created_at: now,
    }),
  );
}

function catalogStatements(now: number): string[] {
  const owner = seedId('user:creator');
  const out = DEMO_GENRES.map(([id, name]) => insert('genres', { id, name }));
  for (const [i, ch] of DEMO_CHANNELS.entries()) {
    out.push(
      insert('channels', {
        id: seedId(`channel:${ch.key}`),
        owner_id: owner,
        handle: ch.handle,
        name: ch.name,
        description: ch.description,
        is_default: i === 0,
        created_at: now,
      }),
    );
  }
  DEMO_VIDEOS.forEach((v, i) => {
    const id = seedId(`video:${v.slug}`);
    out.push(
      insert('videos', {
        id,
        channel_id: seedId(`channel:${v.channel}`),
        title: v.title,
        description: v.description,
        duration_s: v.durationS,
        release_year: v.year,
        age_rating: v.ageRating,
        language: 'en',
        director: v.director,
        visibility: 'public',
        status: 'ready',
        popularity_score: v.popularity,
        created_at: now - i * 60_000,
        updated_at: now,
        published_at: now - i * 60_000,
      }),
      ...v.genres.map((g) => insert('video_genres', { video_id: id, genre_id: g })),
    );
  });
  return out.concat(seriesStatements(now));
}

function seriesStatements(now: number): string[] {
  const s = DEMO_SERIES;
  const channel = seedId('channel:shorts');
  const seriesId = seedId(`series:${s.slug}`);
  const seasonId = seedId(`season:${s.slug}:1`);
  const out = [
    insert('series', {
      id: seriesId,
      channel_id: channel,
      title: s.title,
      description: s.description,
      age_rating: s.ageRating,
      language: 'en',
      release_year: s.year,
      created_at: now,
      updated_at: now,
    }),
    insert('seasons', { id: seasonId, series_id: seriesId, number: 1, title: 'Season 1', created_at: now }),
  ];
  s.episodes.forEach((e, i) => {
    const videoId = seedId(`video:${e.slug}`);
    out.push(
      insert('videos', {
        id: videoId,
        channel_id: channel,
        title: `${s.title}: ${e.title}`,
        description: s.description,
        duration_s: e.durationS,
        release_year: e.year,
        age_rating: 0,
        language: 'en',
        director: 'Pablo Vazquez',
        visibility: 'public',
        status: 'ready',
        popularity_score: 20 - i,
        created_at: now,
        updated_at: now,
        published_at: now - (20 + i) * 60_000,
      }),
      insert('video_genres', { video_id: videoId, genre_id: 'animation' }),
      insert('video_genres', { video_id: videoId, genre_id: 'family' }),
      insert('episodes', {
        id: seedId(`episode:${e.slug}`),
        season_id: seasonId,
        video_id: videoId,
        number: i + 1,
        created_at: now,
      }),
    );
  });
  return out;
}

/** The whole demo seed. `passwords` maps account keys (admin, creator, viewer) to their passwords. */
export function demoSeedSql(passwords: Record<string, string>, now: number): string {
  return [...accountStatements(passwords, now), ...catalogStatements(now)].join('\n');
}
