import { env } from 'cloudflare:test';
import type { PlaybackGrant } from '@reel/contracts';
import { newId } from '../src/ids.ts';
import { createVideo } from './catalog-fixtures.ts';
import { type CallOptions, call, callJson, makeUser } from './helpers.ts';

/** Shared set-up for the playback tests: published titles, plans and starts. */

export type Owner = Awaited<ReturnType<typeof makeUser>>;

/**
 * A ready title with a published asset at `videos/{id}/a/{attemptId}/`, as the publish step leaves it
 * (asset row, current_asset_id, status, duration). Media files are put by the tests that need them.
 */
export async function publishedTitle(body: Record<string, unknown> = {}, owner?: Owner) {
  const creator = owner ?? (await makeUser('creator'));
  const video = await createVideo(creator.token, { visibility: 'public', ...body });
  const assetId = newId();
  const attemptId = `${newId()}-1`;
  const prefix = `videos/${video.id}/a/${attemptId}/`;
  const now = Date.now();
  await env.DB.batch([
    env.DB.prepare(
      "INSERT INTO assets (id, video_id, prefix, status, created_at, published_at) VALUES (?1, ?2, ?3, 'published', ?4, ?4)",
    ).bind(assetId, video.id, prefix, now),
    env.DB.prepare(
      "UPDATE videos SET status = 'ready', current_asset_id = ?1, duration_s = 600, published_at = ?2 WHERE id = ?3",
    ).bind(assetId, now, video.id),
  ]);
  return { video, owner: creator, assetId, attemptId, prefix };
}

/** Puts the user on a paid plan (basic, standard or premium) until next month. */
export async function subscribe(userId: string, planId: 'basic' | 'standard' | 'premium') {
  await env.DB.prepare(
    "INSERT INTO subscriptions (id, user_id, plan_id, status, current_period_end, created_at) VALUES (?1, ?2, ?3, 'active', ?4, ?5)",
  )
    .bind(newId(), userId, planId, Date.now() + 30 * 86_400_000, Date.now())
    .run();
}

export const startPlayback = (videoId: string, opts: CallOptions = {}) =>
  call('POST', `/api/videos/${videoId}/playback`, { body: {}, ...opts });

export const grantOf = (videoId: string, opts: CallOptions = {}) =>
  callJson<PlaybackGrant>('POST', `/api/videos/${videoId}/playback`, 200, { body: {}, ...opts });

/** The token inside a manifest URL `…/v/{token}/master.m3u8`. */
export const tokenOf = (grant: PlaybackGrant): string => grant.manifestUrl.split('/').at(-2) ?? '';

/** The path of a media URL under the API origin (the API forwards /v/* to the media worker). */
export const mediaPath = (grant: PlaybackGrant, path: string): string => `/v/${tokenOf(grant)}/${path}`;
