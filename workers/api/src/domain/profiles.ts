import {
  KIDS_DEFAULT_MAX_AGE_RATING,
  MAX_PROFILES_PER_ACCOUNT,
  type ProfileInput,
  type ProfilePatch,
} from '@reel/contracts';
import { and, asc, eq, sql } from 'drizzle-orm';
import { type Db, schema } from '../db.ts';
import { ApiError, notFound } from '../errors.ts';
import { newId } from '../ids.ts';
import type { Profile } from '../types.ts';
import { hashPassword } from './passwords.ts';

const { profiles } = schema;

/** The account's profiles in creation order (the order the picker shows). */
export async function listProfiles(db: Db, userId: string): Promise<Profile[]> {
  return db
    .select()
    .from(profiles)
    .where(eq(profiles.userId, userId))
    .orderBy(asc(profiles.createdAt), asc(profiles.id));
}

/** One of the account's profiles; another account's id is a 404 like a missing one. */
export async function getOwnProfile(db: Db, userId: string, id: string): Promise<Profile> {
  const [row] = await db
    .select()
    .from(profiles)
    .where(and(eq(profiles.id, id), eq(profiles.userId, userId)))
    .limit(1);
  if (!row) throw notFound('Profile');
  return row;
}

const nameTaken = () =>
  new ApiError(409, 'profile_name_taken', 'Another profile on this account has that name');
const isNameConflict = (err: unknown) => String(err).includes('UNIQUE constraint failed: profiles.user_id');

/** SQL: no OTHER profile of the account has this name, compared case-insensitively. */
const nameFree = (userId: string, name: string, exceptId: string) =>
  sql`NOT EXISTS (SELECT 1 FROM profiles o WHERE o.user_id = ${userId}
      AND lower(o.name) = lower(${name}) AND o.id <> ${exceptId})`;

/**
 * Creates a profile in ONE conditional insert, so two racing requests can neither pass the
 * five-profile limit nor take the same name; when nothing was inserted, a read says which rule held.
 */
export async function createProfile(db: Db, userId: string, input: ProfileInput, now: number) {
  const profile: Profile = {
    id: newId(),
    userId,
    name: input.name,
    isKids: input.isKids,
    maxAgeRating: input.maxAgeRating ?? (input.isKids ? KIDS_DEFAULT_MAX_AGE_RATING : null),
    pinHash: input.pin === undefined ? null : await hashPassword(input.pin),
    avatar: input.avatar ?? 'blue',
    createdAt: now,
  };
  const p = profile;
  const result = await db
    .run(
      sql`INSERT INTO profiles (id, user_id, name, is_kids, max_age_rating, pin_hash, avatar, created_at)
      SELECT ${p.id}, ${userId}, ${p.name}, ${p.isKids ? 1 : 0}, ${p.maxAgeRating}, ${p.pinHash}, ${p.avatar}, ${now}
      WHERE (SELECT count(*) FROM profiles WHERE user_id = ${userId}) < ${MAX_PROFILES_PER_ACCOUNT}
        AND ${nameFree(userId, p.name, p.id)}`,
    )
    .catch((err: unknown) => {
      throw isNameConflict(err) ? nameTaken() : err;
    });
  if (result.meta.changes === 1) return profile;
  const count = (await listProfiles(db, userId)).length;
  if (count >= MAX_PROFILES_PER_ACCOUNT) {
    throw new ApiError(
      409,
      'profile_limit',
      `An account can have at most ${MAX_PROFILES_PER_ACCOUNT} profiles`,
    );
  }
  throw nameTaken();
}

function invalidKidsLimit(): ApiError {
  return new ApiError(400, 'validation_failed', 'Invalid maxAgeRating', {
    errors: [{ path: 'maxAgeRating', message: 'a kids profile must have an age limit' }],
  });
}

/** The stored changes a patch makes to `current`; a profile becoming kids gets the default limit. */
async function changesFor(current: Profile, patch: ProfilePatch): Promise<Partial<Profile>> {
  const isKids = patch.isKids ?? current.isKids;
  let maxAgeRating = patch.maxAgeRating === undefined ? current.maxAgeRating : patch.maxAgeRating;
  if (isKids && maxAgeRating === null) {
    if (patch.maxAgeRating === null) throw invalidKidsLimit();
    maxAgeRating = KIDS_DEFAULT_MAX_AGE_RATING;
  }
  const changes: Partial<Profile> = { isKids, maxAgeRating };
  if (patch.name !== undefined) changes.name = patch.name;
  if (patch.avatar !== undefined) changes.avatar = patch.avatar;
  if (patch.pin !== undefined) changes.pinHash = patch.pin === null ? null : await hashPassword(patch.pin);
  return changes;
}

/** Applies a patch in one conditional update (the name check lives in the same statement). */
export async function updateProfile(db: Db, current: Profile, patch: ProfilePatch): Promise<Profile> {
  const changes = await changesFor(current, patch);
  const name = changes.name ?? current.name;
  const [saved] = await db
    .update(profiles)
    .set(changes)
    .where(
      and(
        eq(profiles.id, current.id),
        eq(profiles.userId, current.userId),
        nameFree(current.userId, name, current.id),
      ),
    )
    .returning()
    .catch((err: unknown) => {
      throw isNameConflict(err) ? nameTaken() : err;
    });
  if (saved) return saved;
  await getOwnProfile(db, current.userId, current.id);
  throw nameTaken();
}

/**
 * Deletes a profile unless it is the account's last (409 `last_profile`), in one statement. Its
 * history, ratings and watchlist go with it (ON DELETE CASCADE); sessions on it drop to no profile.
 */
export async function deleteProfile(db: Db, target: Profile): Promise<void> {
  const deleted = await db
    .delete(profiles)
    .where(
      and(
        eq(profiles.id, target.id),
        eq(profiles.userId, target.userId),
        sql`(SELECT count(*) FROM profiles WHERE user_id = ${target.userId}) > 1`,
      ),
    )
    .returning({ id: profiles.id });
  if (deleted.length === 0) {
    throw new ApiError(409, 'last_profile', 'An account keeps at least one profile');
  }
}
