import type { JobManifest } from '@reel/contracts';
import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../db.ts';
import { batchSql } from './d1.ts';
import { leaseLost } from './jobs.ts';
import { newId } from '../ids.ts';

/** A superseded asset's folder stays this long, so viewers already playing it can finish. */
export const SUPERSEDED_GRACE_MS = 60 * 60_000;

export type FileProblem = { key: string; problem: 'missing' | 'size_mismatch' | 'sha256_mismatch' };

/**
 * Checks every manifest file against what the ingest stored under `prefix`: it exists, its size is the
 * manifest's, and the sha256 the ingest verified (R2 custom metadata) is the manifest's. One listing page
 * covers 1,000 objects, so a ladder of thousands of segments costs a handful of calls.
 */
export async function checkAttemptFiles(
  media: R2Bucket,
  prefix: string,
  files: JobManifest['files'],
): Promise<FileProblem[]> {
  const stored = new Map<string, { size: number; sha256: string | undefined }>();
  let cursor: string | undefined;
  do {
    const page = await media.list({ prefix, cursor, include: ['customMetadata'] });
    for (const o of page.objects)
      stored.set(o.key.slice(prefix.length), { size: o.size, sha256: o.customMetadata?.sha256 });
    cursor = page.truncated ? page.cursor : undefined;
  } while (cursor);
  const problems: FileProblem[] = [];
  for (const f of files) {
    const s = stored.get(f.key);
    if (!s) problems.push({ key: f.key, problem: 'missing' });
    else if (s.size !== f.bytes) problems.push({ key: f.key, problem: 'size_mismatch' });
    else if (s.sha256 !== f.sha256) problems.push({ key: f.key, problem: 'sha256_mismatch' });
  }
  return problems;
}

/**
 * Publishes an attempt in ONE `db.batch` (one SQLite transaction: all of it or none of it).
 *
 * Why a zombie attempt can never change `current_asset_id`:
 * 1. The first statement marks the job done and stamps it with a FRESH asset id, but only
 *    `WHERE id = job AND lease_token = token AND state = 'leased' AND lease_expires_at > now`. The lease
 *    statement is the only writer of `lease_token` and only ever increments it, and a job that is done or
 *    failed is never leased again; so once a newer lease exists or the job finished, a stale token matches
 *    no row, now or ever.
 * 2. Every later statement is conditioned on `jobs.asset_id = <that fresh id>` (or on the asset row that
 *    only exists when it held). The id is new for this call, so the condition is true only when THIS
 *    batch's first statement won; a duplicate `complete` by the same holder finds the job done and changes
 *    nothing either.
 * 3. The batch is one transaction, so no other lease, fail or complete interleaves between 1 and the final
 *    `UPDATE videos SET current_asset_id`. R2 checks happen before the batch and are not relied on for
 *    fencing, and a zombie's files live under its own attempt folder, never under the published one.
 */
export async function publishAttempt(
  db: Db,
  input: {
    jobId: string;
    videoId: string;
    leaseToken: number;
    prefix: string;
    manifest: JobManifest;
    now: number;
  },
): Promise<{ assetId: string }> {
  const { jobId, videoId, leaseToken, prefix, manifest, now } = input;
  const assetId = newId();
  const won = sql`EXISTS (SELECT 1 FROM jobs WHERE id = ${jobId} AND asset_id = ${assetId})`;
  const assetExists = sql`EXISTS (SELECT 1 FROM assets WHERE id = ${assetId})`;
  const statements: SQL[] = [
    sql`
      UPDATE jobs SET state = 'done', asset_id = ${assetId}, progress = 100, lease_expires_at = NULL,
        updated_at = ${now}
      WHERE id = ${jobId} AND lease_token = ${leaseToken} AND state = 'leased' AND lease_expires_at > ${now}
      RETURNING id`,
    sql`
      INSERT INTO media_removals (prefix, due_at)
      SELECT prefix, ${now + SUPERSEDED_GRACE_MS} FROM assets
      WHERE video_id = ${videoId} AND status = 'published' AND ${won}
      ON CONFLICT (prefix) DO NOTHING`,
    sql`
      UPDATE assets SET status = 'superseded'
      WHERE video_id = ${videoId} AND status = 'published' AND ${won}`,
    sql`
      INSERT INTO assets (id, video_id, prefix, status, created_at, published_at)
      SELECT ${assetId}, ${videoId}, ${prefix}, 'published', ${now}, ${now} WHERE ${won}`,
    ...manifest.renditions.map((r) => insertRendition(assetId, r, assetExists)),
    sql`
      UPDATE videos SET current_asset_id = ${assetId}, status = 'ready', progress = 100,
        duration_s = ${manifest.durationS}, published_at = COALESCE(published_at, ${now}),
        failure_code = NULL, failure_message = NULL, updated_at = ${now}
      WHERE id = ${videoId} AND status <> 'deleted' AND ${assetExists}`,
  ];
  const [done] = await batchSql(db, statements);
  if (!done?.length) throw leaseLost();
  return { assetId };
}

function insertRendition(assetId: string, r: JobManifest['renditions'][number], guard: SQL) {
  return sql`
    INSERT INTO renditions (id, asset_id, rung_id, kind, codecs, width, height, bandwidth,
      average_bandwidth, frame_rate, language)
    SELECT ${newId()}, ${assetId}, ${r.rungId}, ${r.kind}, ${r.codecs}, ${r.width ?? null},
      ${r.height ?? null}, ${r.bandwidth}, ${r.averageBandwidth ?? null}, ${r.frameRate ?? null},
      ${r.language ?? null}
    WHERE ${guard}`;
}
