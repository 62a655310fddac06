import { createRoute } from '@hono/zod-openapi';
import {
  AuthResult,
  LoginInput,
  PasswordChangeInput,
  PasswordResetConfirmInput,
  PasswordResetRequestInput,
  SignupInput,
} from '@reel/contracts';
import type { Context } from 'hono';
import { changePassword, type Client, logIn, type SignedIn, signUp } from '../domain/auth.ts';
import { toUserView } from '../domain/accounts.ts';
import { createMailer } from '../domain/mail.ts';
import { confirmPasswordReset, countResetAttempt, requestPasswordReset } from '../domain/password-reset.ts';
import { revokeSession } from '../domain/session-admin.ts';
import { deviceLabelFrom } from '../domain/sessions.ts';
import { clearSessionCookie, setSessionCookie } from '../middleware/cookies.ts';
import { checkOrigin, requireAuth } from '../middleware/session.ts';
import { router } from '../router.ts';
import type { AppEnv } from '../types.ts';
import { sessionRoutes } from './auth-sessions.ts';
import { body as jsonBody, problem } from './openapi.ts';

/** Routes anyone may call: overrides the document's default bearer/cookie security. */
const ANONYMOUS: Record<string, string[]>[] = [];

/** The rate-limit subject: Cloudflare always sets it in production; local development may not. */
const clientIp = (c: Context<AppEnv>) => c.req.header('cf-connecting-ip') ?? 'unknown';

/** Who is signing in from where: the rate-limit subject and the session's device label. */
function clientOf(c: Context<AppEnv>, deviceLabel: string | undefined): Client {
  return { ip: clientIp(c), deviceLabel: deviceLabelFrom(c.req.header('user-agent'), deviceLabel) };
}

/**
 * Login CSRF: a browser posting credentials from another site carries that site's Origin. Clients that
 * send no Origin (native apps, curl) are not browsers acting for someone else.
 */
function refuseForeignOrigin(c: Context<AppEnv>): void {
  const origin = c.req.header('origin');
  if (origin !== undefined) checkOrigin(origin, c.req.url, c.var.config.APP_ORIGIN);
}

function signedIn(c: Context<AppEnv>, result: SignedIn): AuthResult {
  setSessionCookie(c, result.token);
  c.header('cache-control', 'no-store');
  return { token: result.token, user: toUserView(result.user) };
}

const signupRoute = createRoute({
  method: 'post',
  path: '/signup',
  tags: ['auth'],
  summary: 'Create an account (with its first profile) and sign in',
  security: ANONYMOUS,
  request: { body: jsonBody(SignupInput) },
  responses: {
    201: {
      description: 'Signed up; the session cookie is set',
      content: { 'application/json': { schema: AuthResult } },
    },
    400: problem('Invalid input'),
    403: problem('Foreign Origin'),
    409: problem('Email taken'),
    429: problem('Rate limited'),
  },
});

const loginRoute = createRoute({
  method: 'post',
  path: '/login',
  tags: ['auth'],
  summary: 'Sign in with email and password',
  security: ANONYMOUS,
  request: { body: jsonBody(LoginInput) },
  responses: {
    200: {
      description: 'Signed in; the session cookie is set',
      content: { 'application/json': { schema: AuthResult } },
    },
    400: problem('Invalid input'),
    401: problem('Wrong email or password'),
    403: problem('Foreign Origin'),
    429: problem('Rate limited'),
  },
});

const logoutRoute = createRoute({
  method: 'post',
  path: '/logout',
  tags: ['auth'],
  summary: 'End the current session (idempotent) and clear the cookie',
  responses: { 204: { description: 'Signed out' }, 403: problem('Foreign Origin on a cookie request') },
});

const passwordRoute = createRoute({
  method: 'post',
  path: '/password',
  tags: ['auth'],
  summary: 'Change the password; every other session is signed out',
  request: { body: jsonBody(PasswordChangeInput) },
  responses: {
    204: { description: 'Password changed' },
    400: problem('Invalid input'),
    401: problem('Not signed in, or wrong current password'),
    429: problem('Rate limited'),
  },
});

const resetRequestRoute = createRoute({
  method: 'post',
  path: '/password-reset',
  tags: ['auth'],
  summary: 'Email a reset link if the account exists (the answer is the same either way)',
  security: ANONYMOUS,
  request: { body: jsonBody(PasswordResetRequestInput) },
  responses: {
    202: { description: 'Accepted' },
    400: problem('Invalid input'),
    403: problem('Foreign Origin'),
    429: problem('Rate limited'),
  },
});

const resetConfirmRoute = createRoute({
  method: 'post',
  path: '/password-reset/confirm',
  tags: ['auth'],
  summary: 'Set a new password with a reset token; every session is signed out',
  security: ANONYMOUS,
  request: { body: jsonBody(PasswordResetConfirmInput) },
  responses: {
    204: { description: 'Password reset' },
    400: problem('Invalid input or reset token'),
    403: problem('Foreign Origin'),
    429: problem('Rate limited'),
  },
});

export const authRoutes = router()
  .openapi(signupRoute, async (c) => {
    refuseForeignOrigin(c);
    const input = c.req.valid('json');
    const { db, config, now } = c.var;
    const result = await signUp(db, config.AUTH_PEPPER, input, clientOf(c, input.deviceLabel), now);
    return c.json(signedIn(c, result), 201);
  })
  .openapi(loginRoute, async (c) => {
    refuseForeignOrigin(c);
    const input = c.req.valid('json');
    const { db, config, now } = c.var;
    const result = await logIn(db, config.AUTH_PEPPER, input, clientOf(c, input.deviceLabel), now);
    return c.json(signedIn(c, result), 200);
  })
  .openapi(logoutRoute, async (c) => {
    const auth = c.var.auth;
    if (auth) await revokeSession(c.var.db, auth.user.id, auth.session.id);
    clearSessionCookie(c);
    return c.body(null, 204);
  })
  .openapi(passwordRoute, async (c) => {
    const auth = requireAuth(c.var.auth);
    const { db, config, now } = c.var;
    await changePassword(db, config.AUTH_PEPPER, auth, c.req.valid('json'), now);
    return c.body(null, 204);
  })
  .openapi(resetRequestRoute, async (c) => {
    refuseForeignOrigin(c);
    const { email } = c.req.valid('json');
    const { db, config, now, requestId } = c.var;
    await countResetAttempt(db, config.AUTH_PEPPER, clientIp(c), now);
    const mailer = createMailer(config, db, now);
    const request = { email, appOrigin: config.APP_ORIGIN };
    // After the answer: the 202 and its timing are the same whether or not the account exists.
    c.executionCtx.waitUntil(
      requestPasswordReset(db, config.AUTH_PEPPER, mailer, request, now).catch((err: unknown) => {
        console.error(
          JSON.stringify({ level: 'error', requestId, message: `password reset: ${String(err)}` }),
        );
      }),
    );
    return c.body(null, 202);
  })
  .openapi(resetConfirmRoute, async (c) => {
    refuseForeignOrigin(c);
    const { db, config, now } = c.var;
    await countResetAttempt(db, config.AUTH_PEPPER, clientIp(c), now);
    await confirmPasswordReset(db, config.AUTH_PEPPER, c.req.valid('json'), now);
    clearSessionCookie(c);
    return c.body(null, 204);
  })
  .route('/', sessionRoutes);
