/**
 * A large synthetic catalog for benchmarks: `count` ready public videos across the demo genres, sharing
 * a few assets (as re-uploads and series of one source do), as idempotent multi-row SQL.
 */
import { DEMO_GENRES } from '../schema/seed/demo.ts';
import { literal, seedId } from '../schema/seed/sql.ts';

const ROWS_PER_INSERT = 400;

function chunked(table: string, columns: string[], rows: (string | number | null)[][]): string[] {
  const out: string[] = [];
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
    const values = rows.slice(i, i + ROWS_PER_INSERT).map((r) => `(${r.map(literal).join(', ')})`);
    out.push(`INSERT OR IGNORE INTO ${table} (${columns.join(', ')}) VALUES\n${values.join(',\n')};`);
  }
  return out;
}

export function benchCatalogSql(count: number, now: number): string {
  const channel = seedId('channel:bench');
  const owner = seedId('user:creator');
  const assets = [0, 1, 2].map((i) => seedId(`asset:bench:${i}`));
  const videoIds = Array.from({ length: count }, (_, i) => seedId(`video:bench:${i}`));
  const genres = DEMO_GENRES.map(([id]) => id);
  const sql = [
    `INSERT OR IGNORE INTO channels (id, owner_id, handle, name, created_at) VALUES (${[channel, owner, 'bench', 'Bench', now].map(literal).join(', ')});`,
    ...chunked(
      'videos',
      [
        'id',
        'channel_id',
        'title',
        'duration_s',
        'release_year',
        'age_rating',
        'language',
        'visibility',
        'status',
        'popularity_score',
        'rating_score',
        'created_at',
        'updated_at',
        'published_at',
      ],
      videoIds.map((id, i) => [
        id,
        channel,
        `Bench title ${i}`,
        60 + (i % 3000),
        1990 + (i % 36),
        [0, 7, 12, 16, 18][i % 5] ?? 0,
        ['en', 'fr', 'de', 'ja'][i % 4] ?? 'en',
        'public',
        'ready',
        (i * 7919) % 1000,
        ((i * 104729) % 500) / 100,
        now - i * 1000,
        now,
        now - i * 1000,
      ]),
    ),
    ...chunked(
      'assets',
      ['id', 'video_id', 'prefix', 'status', 'created_at', 'published_at'],
      assets.map((a, i) => [a, videoIds[i] ?? '', `videos/${videoIds[i]}/a/${a}/`, 'published', now, now]),
    ),
    `UPDATE videos SET current_asset_id = CASE abs(unicode(substr(id, 1, 1))) % 3 WHEN 0 THEN ${literal(assets[0] ?? '')} WHEN 1 THEN ${literal(assets[1] ?? '')} ELSE ${literal(assets[2] ?? '')} END WHERE channel_id = ${literal(channel)};`,
    ...chunked(
      'video_genres',
      ['video_id', 'genre_id'],
      videoIds.flatMap((id, i) => [
        [id, genres[i % genres.length] ?? 'drama'],
        [id, genres[(i * 3 + 1) % genres.length] ?? 'drama'],
      ]),
    ),
  ];
  return sql.join('\n');
}
