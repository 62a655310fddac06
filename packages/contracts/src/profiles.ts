import { z } from '@hono/zod-openapi';
import { ProfileView } from './accounts.ts';
import { AgeRating, Id } from './common.ts';

/** Most profiles one account may hold. */
export const MAX_PROFILES_PER_ACCOUNT = 5;
/** Age limit a kids profile gets when none is given (DESIGN.md "Age ratings" scale). */
export const KIDS_DEFAULT_MAX_AGE_RATING = 12;

/** 1–40 characters, no control characters; compared case-insensitively within an account. */
export const ProfileName = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(40)
  .regex(/^[^\p{Cc}]+$/u, 'must not contain control characters')
  .openapi({ example: 'Kids' });

/** A profile PIN: exactly four digits, stored only hashed. */
export const Pin = z
  .string()
  .regex(/^\d{4}$/, 'must be 4 digits')
  .openapi({ example: '1234' });

/** An avatar token from the app's palette, e.g. `blue`. */
export const Avatar = z
  .string()
  .regex(/^[a-z0-9-]{1,32}$/, 'must be 1–32 lowercase letters, digits or dashes')
  .openapi({ example: 'blue' });

const KIDS_NEED_RATING = 'a kids profile must have an age limit';

export const ProfileInput = z
  .object({
    name: ProfileName,
    isKids: z.boolean().default(false),
    maxAgeRating: AgeRating.nullable().optional(),
    pin: Pin.optional(),
    avatar: Avatar.optional(),
  })
  .refine((p) => !(p.isKids && p.maxAgeRating === null), {
    path: ['maxAgeRating'],
    message: KIDS_NEED_RATING,
  })
  .openapi('ProfileInput');
export type ProfileInput = z.infer<typeof ProfileInput>;

/** Every field optional; `pin: null` removes the PIN, `maxAgeRating: null` lifts the limit (not on kids). */
export const ProfilePatch = z
  .object({
    name: ProfileName.optional(),
    isKids: z.boolean().optional(),
    maxAgeRating: AgeRating.nullable().optional(),
    pin: Pin.nullable().optional(),
    avatar: Avatar.optional(),
  })
  .refine((p) => Object.values(p).some((v) => v !== undefined), { message: 'give at least one field' })
  .refine((p) => !(p.isKids === true && p.maxAgeRating === null), {
    path: ['maxAgeRating'],
    message: KIDS_NEED_RATING,
  })
  .openapi('ProfilePatch');
export type ProfilePatch = z.infer<typeof ProfilePatch>;

export const ProfileSelection = z.object({ pin: Pin.optional() }).openapi('ProfileSelection');
export type ProfileSelection = z.infer<typeof ProfileSelection>;

export const ProfileList = z
  .object({ profiles: z.array(ProfileView), activeProfileId: Id.nullable() })
  .openapi('ProfileList');
export type ProfileList = z.infer<typeof ProfileList>;

export const ProfileEnvelope = z.object({ profile: ProfileView }).openapi('ProfileEnvelope');
