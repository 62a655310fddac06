import type { Auth } from '../types.ts';

/**
 * Age rating signed-out visitors may see: 18-rated titles need a signed-in adult profile.
 * Recorded in docs/ARCHITECTURE.md.
 */
export const ANONYMOUS_MAX_AGE_RATING = 16;

/**
 * The highest age rating the caller may see anywhere in the API, or null for no limit.
 * A kids profile's `maxAgeRating` applies to every listing, lookup and write that names a title.
 */
export function maxAgeRatingFor(auth: Auth | null): number | null {
  if (!auth) return ANONYMOUS_MAX_AGE_RATING;
  return auth.profile?.maxAgeRating ?? null;
}

/** Whether the caller may see a title of this age rating. */
export function mayViewRating(auth: Auth | null, ageRating: number): boolean {
  const max = maxAgeRatingFor(auth);
  return max === null || ageRating <= max;
}
