import { eq } from 'drizzle-orm';
import { type Db, schema } from '../db.ts';
import { ApiError } from '../errors.ts';
import type { Auth, Profile } from '../types.ts';
import { getOwnProfile } from './profiles.ts';
import { hitRateLimit, RATE_RULES } from './rate-limit.ts';
import { verifyPassword } from './passwords.ts';

/*
 * Who may do what with profiles, so that a kid on a kids profile can never raise their own limits:
 *
 * 1. A session on an AGE-LIMITED profile (a kids profile, or any profile with a `maxAgeRating`) may
 *    not create, change or delete profiles: 403 `kids_profile_restricted`. A session with no profile
 *    chosen yet is the account holder who just signed in with the password, and may.
 * 2. A PIN-protected profile is changed or deleted only from a session where it is the active profile,
 *    i.e. its PIN was entered to select it: 403 `profile_locked`. So nobody clears another's PIN.
 * 3. Selecting a PIN-protected profile always needs its PIN (403 `pin_required` / `pin_invalid`,
 *    at most RATE_RULES.pinPerProfile tries per profile: 429). Re-selecting the active one needs none.
 * 4. From an age-limited profile, selecting a LESS limited profile that has no PIN is refused (403
 *    `kids_profile_restricted`): with no PIN to ask for, the way out is signing in again.
 */

/** The highest rating a profile may see, Infinity for none. */
const ceilingOf = (p: Profile) => p.maxAgeRating ?? Number.POSITIVE_INFINITY;

/** Whether a profile is age-limited (every kids profile is: it always has a `maxAgeRating`). */
export const isAgeLimited = (p: Profile | null): boolean =>
  p !== null && (p.isKids || p.maxAgeRating !== null);

/** Whether switching from `from` to `to` would let the session see more than it does now. */
export const isEscalation = (from: Profile, to: Profile): boolean =>
  (from.isKids && !to.isKids) || ceilingOf(to) > ceilingOf(from);

/** Rule 1: profile management needs a session that is not on an age-limited profile. */
export function assertMayManageProfiles(auth: Auth): void {
  if (isAgeLimited(auth.profile)) {
    throw new ApiError(
      403,
      'kids_profile_restricted',
      'Switch to an unrestricted profile to manage profiles',
    );
  }
}

/** Rule 2: a PIN-protected profile is only changed from a session that unlocked it. */
export function assertUnlocked(auth: Auth, target: Profile): void {
  if (target.pinHash !== null && auth.profile?.id !== target.id) {
    throw new ApiError(403, 'profile_locked', 'Select this profile with its PIN before changing it');
  }
}

/** Rule 3: checks a presented PIN, counting the try against the profile before any hashing. */
async function checkPin(db: Db, target: Profile, pinHash: string, pin: string | undefined, now: number) {
  if (pin === undefined) throw new ApiError(403, 'pin_required', 'This profile is locked with a PIN');
  await hitRateLimit(db, RATE_RULES.pinPerProfile, target.id, now);
  if (!(await verifyPassword(pin, pinHash))) throw new ApiError(403, 'pin_invalid', 'That PIN is not right');
}

/**
 * Binds one of the account's profiles to the caller's session (rules 3 and 4). Another account's
 * profile is a 404 and the session is left as it was.
 */
export async function selectProfile(
  db: Db,
  auth: Auth,
  input: { profileId: string; pin?: string | undefined },
  now: number,
): Promise<Profile> {
  const target = await getOwnProfile(db, auth.user.id, input.profileId);
  const active = auth.profile;
  if (active?.id === target.id) return target;
  if (target.pinHash !== null) {
    await checkPin(db, target, target.pinHash, input.pin, now);
  } else if (active && isAgeLimited(active) && isEscalation(active, target)) {
    throw new ApiError(
      403,
      'kids_profile_restricted',
      'This profile has no PIN, so it cannot be opened from a kids profile; sign in again instead',
    );
  }
  await db
    .update(schema.sessions)
    .set({ activeProfileId: target.id })
    .where(eq(schema.sessions.id, auth.session.id));
  return target;
}
