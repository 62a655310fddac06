import { z } from '@hono/zod-openapi';
import { AgeRating, Id, Timestamp } from './common.ts';

export const Role = z.enum(['viewer', 'creator', 'admin']);
export type Role = z.infer<typeof Role>;

export const UserView = z
  .object({ id: Id, email: z.email(), displayName: z.string(), role: Role, createdAt: Timestamp })
  .openapi('User');
export type UserView = z.infer<typeof UserView>;

export const ProfileView = z
  .object({
    id: Id,
    name: z.string(),
    isKids: z.boolean(),
    maxAgeRating: AgeRating.nullable(),
    hasPin: z.boolean(),
    avatar: z.string(),
    createdAt: Timestamp,
  })
  .openapi('Profile');
export type ProfileView = z.infer<typeof ProfileView>;

/** Emails are compared lowercased and trimmed; passwords 10–200 characters (NIST SP 800-63B length rule). */
export const Email = z.string().trim().toLowerCase().pipe(z.email().max(254));
export const Password = z.string().min(10, 'must be at least 10 characters').max(200);
