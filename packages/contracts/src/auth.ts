import { z } from '@hono/zod-openapi';
import { Email, Password, ProfileView, UserView } from './accounts.ts';
import { Id, Timestamp } from './common.ts';

/** A name for the device a session belongs to ("Living-room TV"); derived from the User-Agent if absent. */
export const DeviceLabel = z.string().trim().min(1, 'must not be empty').max(80);
export const DisplayName = z.string().trim().min(1, 'must not be empty').max(80);

export const SignupInput = z
  .object({ email: Email, password: Password, displayName: DisplayName, deviceLabel: DeviceLabel.optional() })
  .openapi('SignupInput');
export type SignupInput = z.infer<typeof SignupInput>;

/** Login takes any non-empty password: length rules apply when a password is chosen, not when it is tried. */
export const LoginInput = z
  .object({ email: Email, password: z.string().min(1).max(200), deviceLabel: DeviceLabel.optional() })
  .openapi('LoginInput');
export type LoginInput = z.infer<typeof LoginInput>;

/** `token` is the bearer token (also set as the session cookie); it is shown only this once. */
export const AuthResult = z.object({ token: z.string(), user: UserView }).openapi('AuthResult');
export type AuthResult = z.infer<typeof AuthResult>;

export const Me = z.object({ user: UserView, profile: ProfileView.nullable() }).openapi('Me');
export type Me = z.infer<typeof Me>;

export const SessionView = z
  .object({
    id: Id,
    deviceLabel: z.string(),
    createdAt: Timestamp,
    lastSeenAt: Timestamp,
    expiresAt: Timestamp,
    current: z.boolean(),
  })
  .openapi('Session');
export type SessionView = z.infer<typeof SessionView>;

export const SessionList = z.object({ sessions: z.array(SessionView) }).openapi('SessionList');
export type SessionList = z.infer<typeof SessionList>;

export const PasswordChangeInput = z
  .object({ currentPassword: z.string().min(1).max(200), newPassword: Password })
  .openapi('PasswordChangeInput');
export type PasswordChangeInput = z.infer<typeof PasswordChangeInput>;

export const PasswordResetRequestInput = z.object({ email: Email }).openapi('PasswordResetRequestInput');
export type PasswordResetRequestInput = z.infer<typeof PasswordResetRequestInput>;

export const PasswordResetConfirmInput = z
  .object({ token: z.string().min(1).max(256), newPassword: Password })
  .openapi('PasswordResetConfirmInput');
export type PasswordResetConfirmInput = z.infer<typeof PasswordResetConfirmInput>;
