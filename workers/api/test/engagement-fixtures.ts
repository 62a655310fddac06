import { env } from 'cloudflare:test';
import { createDb, schema } from '../src/db.ts';
import { newId } from '../src/ids.ts';
import { call, callJson, makeUser } from './helpers.ts';

/** Test fixtures for profiles and engagement: titles go straight into D1 (the catalog is built apart). */
export const db = () => createDb(env.DB);

export type ProfileBody = {
  id: string;
  name: string;
  isKids: boolean;
  maxAgeRating: number | null;
  hasPin: boolean;
  avatar: string;
};

export { problemOf as problem, rows } from './helpers.ts';

type VideoRow = typeof schema.videos.$inferInsert;

/** A channel owned by `ownerId`. */
export async function insertChannel(ownerId: string): Promise<string> {
  const id = newId();
  await db()
    .insert(schema.channels)
    .values({ id, ownerId, handle: `ch-${id.toLowerCase()}`, name: 'Channel', createdAt: Date.now() });
  return id;
}

/** A ready, public, all-ages 10-minute title on `channelId`, unless `over` says otherwise. */
export async function insertVideo(channelId: string, over: Partial<VideoRow> = {}): Promise<string> {
  const id = newId();
  const now = Date.now();
  await db()
    .insert(schema.videos)
    .values({
      id,
      channelId,
      title: `Title ${id}`,
      durationS: 600,
      ageRating: 0,
      visibility: 'public',
      status: 'ready',
      createdAt: now,
      updatedAt: now,
      publishedAt: now,
      ...over,
    });
  return id;
}

/** A creator's channel to hang titles on. */
export async function makeChannel(): Promise<string> {
  const creator = await makeUser('creator');
  return insertChannel(creator.user.id);
}

/** Selects a profile for the caller's session through the API. */
export function selectProfile(token: string, profileId: string, pin?: string) {
  return call('POST', `/api/profiles/${profileId}/select`, { token, body: pin === undefined ? {} : { pin } });
}

/** A signed-in user whose session is on their first profile. */
export async function makeViewer() {
  const u = await makeUser();
  await callJson('POST', `/api/profiles/${u.profileId}/select`, 200, { token: u.token, body: {} });
  return u;
}

/** Creates a profile through the API (from a session that may manage profiles). */
export async function createProfile(token: string, body: Record<string, unknown>): Promise<ProfileBody> {
  const res = await callJson<{ profile: ProfileBody }>('POST', '/api/profiles', 201, { token, body });
  return res.profile;
}

/** Lets the clock move, so consecutive writes get distinct timestamps. */
export const tick = () => new Promise((resolve) => setTimeout(resolve, 3));
