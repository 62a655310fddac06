import type { ProfileView, UserView } from '@reel/contracts';
import { type Db, schema } from '../db.ts';
import { ApiError } from '../errors.ts';
import { newId } from '../ids.ts';
import type { Profile, User } from '../types.ts';
import { hashPassword } from './passwords.ts';

export type NewAccount = { email: string; password: string; displayName: string; role?: User['role'] };

/**
 * Creates a user with their first (adult) profile in one batch. A duplicate email is a 409
 * `email_taken` (the unique index decides, so two racing sign-ups cannot both win).
 */
export async function createAccount(
  db: Db,
  input: NewAccount,
  now: number,
): Promise<{ user: User; profile: Profile }> {
  const user: User = {
    id: newId(),
    email: input.email,
    passwordHash: await hashPassword(input.password),
    displayName: input.displayName,
    role: input.role ?? 'viewer',
    createdAt: now,
    updatedAt: now,
  };
  const profile: Profile = {
    id: newId(),
    userId: user.id,
    name: input.displayName,
    isKids: false,
    maxAgeRating: null,
    pinHash: null,
    avatar: 'blue',
    createdAt: now,
  };
  try {
    await db.batch([db.insert(schema.users).values(user), db.insert(schema.profiles).values(profile)]);
  } catch (err) {
    if (String(err).includes('UNIQUE constraint failed: users.email')) {
      throw new ApiError(409, 'email_taken', 'An account with this email already exists');
    }
    throw err;
  }
  return { user, profile };
}

export const toUserView = (u: User): UserView => ({
  id: u.id,
  email: u.email,
  displayName: u.displayName,
  role: u.role,
  createdAt: new Date(u.createdAt).toISOString(),
});

export const toProfileView = (p: Profile): ProfileView => ({
  id: p.id,
  name: p.name,
  isKids: p.isKids,
  // Written only through the AgeRating schema (0/7/12/16/18), so the column holds one of those values.
  maxAgeRating: p.maxAgeRating as ProfileView['maxAgeRating'],
  hasPin: p.pinHash !== null,
  avatar: p.avatar,
  createdAt: new Date(p.createdAt).toISOString(),
});
