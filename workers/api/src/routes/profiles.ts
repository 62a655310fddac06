import { createRoute } from '@hono/zod-openapi';
import { ProfileEnvelope, ProfileInput, ProfileList, ProfilePatch, ProfileSelection } from '@reel/contracts';
import { toProfileView } from '../domain/accounts.ts';
import { assertMayManageProfiles, assertUnlocked, selectProfile } from '../domain/profile-access.ts';
import {
  createProfile,
  deleteProfile,
  getOwnProfile,
  listProfiles,
  updateProfile,
} from '../domain/profiles.ts';
import { requireAuth } from '../middleware/session.ts';
import { router } from '../router.ts';
import { body, idParams, json, problem } from './openapi.ts';

const ProfileParams = idParams('id');

const COMMON = {
  400: problem('`validation_failed`, naming each field'),
  401: problem('`unauthenticated`: sign in first'),
};
const MANAGE = {
  ...COMMON,
  403: problem('`kids_profile_restricted` (session on an age-limited profile) or `profile_locked`'),
  404: problem('`not_found`: no such profile on this account'),
};

/**
 * Profiles within an account (mounted at /api/profiles). Management is refused to sessions on an
 * age-limited profile and PIN-protected profiles change only once unlocked (domain/profile-access.ts).
 */
export const profilesRoutes = router()
  .openapi(
    createRoute({
      method: 'get',
      path: '/',
      tags: ['profiles'],
      summary: "The account's profiles and the one this session is on",
      responses: { 200: json(ProfileList, 'Profiles in creation order'), 401: COMMON[401] },
    }),
    async (c) => {
      const auth = requireAuth(c.var.auth);
      const profiles = await listProfiles(c.var.db, auth.user.id);
      return c.json(
        { profiles: profiles.map(toProfileView), activeProfileId: auth.profile?.id ?? null },
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/',
      tags: ['profiles'],
      summary: 'Create a profile (at most 5 per account; kids profiles default to age limit 12)',
      request: { body: body(ProfileInput) },
      responses: {
        201: json(ProfileEnvelope, 'Created'),
        ...MANAGE,
        409: problem('`profile_limit` or `profile_name_taken`'),
      },
    }),
    async (c) => {
      const auth = requireAuth(c.var.auth);
      assertMayManageProfiles(auth);
      const profile = await createProfile(c.var.db, auth.user.id, c.req.valid('json'), c.var.now);
      return c.json({ profile: toProfileView(profile) }, 201);
    },
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/{id}',
      tags: ['profiles'],
      summary: 'Change a profile; `pin: null` removes its PIN',
      request: { params: ProfileParams, body: body(ProfilePatch) },
      responses: { 200: json(ProfileEnvelope, 'Updated'), ...MANAGE, 409: problem('`profile_name_taken`') },
    }),
    async (c) => {
      const auth = requireAuth(c.var.auth);
      assertMayManageProfiles(auth);
      const target = await getOwnProfile(c.var.db, auth.user.id, c.req.valid('param').id);
      assertUnlocked(auth, target);
      const profile = await updateProfile(c.var.db, target, c.req.valid('json'));
      return c.json({ profile: toProfileView(profile) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/{id}',
      tags: ['profiles'],
      summary: "Delete a profile with its history, ratings and watchlist (never the account's last)",
      request: { params: ProfileParams },
      responses: { 204: { description: 'Deleted' }, ...MANAGE, 409: problem('`last_profile`') },
    }),
    async (c) => {
      const auth = requireAuth(c.var.auth);
      assertMayManageProfiles(auth);
      const target = await getOwnProfile(c.var.db, auth.user.id, c.req.valid('param').id);
      assertUnlocked(auth, target);
      await deleteProfile(c.var.db, target);
      return c.body(null, 204);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/{id}/select',
      tags: ['profiles'],
      summary: 'Make a profile the active one for this session (its PIN if it has one)',
      request: { params: ProfileParams, body: { ...body(ProfileSelection), required: false } },
      responses: {
        200: json(ProfileEnvelope, 'Selected'),
        ...COMMON,
        403: problem('`pin_required`, `pin_invalid`, or `kids_profile_restricted`'),
        404: problem('`not_found`: no such profile on this account'),
        429: problem('`rate_limited`: too many PIN attempts for this profile'),
      },
    }),
    async (c) => {
      const auth = requireAuth(c.var.auth);
      const { pin } = c.req.valid('json');
      const profileId = c.req.valid('param').id;
      const profile = await selectProfile(c.var.db, auth, { profileId, pin }, c.var.now);
      return c.json({ profile: toProfileView(profile) }, 200);
    },
  );
