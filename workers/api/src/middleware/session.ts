import { getCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import { needsTouch, resolveSession, touchSession } from '../domain/sessions.ts';
import { ApiError } from '../errors.ts';
import type { AppEnv, Auth } from '../types.ts';
import { clearSessionCookie, SESSION_COOKIE_NAMES } from './cookies.ts';

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function credentialFrom(authorization: string | undefined, cookie: string | undefined) {
  const bearer = authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];
  if (bearer) return { token: bearer, via: 'bearer' as const };
  if (cookie) return { token: cookie, via: 'cookie' as const };
  return null;
}

/**
 * Resolves who is asking from `Authorization: Bearer` or the session cookie. A presented credential that
 * bearer token that does not resolve is a 401 (`session_expired`); a stale cookie is cleared. Cookie-authenticated
 * unsafe requests must carry an Origin equal to the app's (CSRF defence, DESIGN.md "Auth").
 */
export const session = createMiddleware<AppEnv>(async (c, next) => {
  const cookie = SESSION_COOKIE_NAMES.map((n) => getCookie(c, n)).find(Boolean);
  const credential = credentialFrom(c.req.header('authorization'), cookie);
  if (credential) {
    const { db, config, now } = c.var;
    const resolved = await resolveSession(db, config.AUTH_PEPPER, credential.token, now);
    if (!resolved && credential.via === 'bearer') {
      throw new ApiError(401, 'session_expired', 'Your session has ended; sign in again');
    }
    if (!resolved) {
      // A stale cookie must not break public browsing: drop it and carry on signed out.
      clearSessionCookie(c);
      return next();
    }
    if (credential.via === 'cookie' && UNSAFE.has(c.req.method))
      checkOrigin(c.req.header('origin'), c.req.url, config.APP_ORIGIN);
    const auth: Auth = { ...resolved, via: credential.via };
    c.set('auth', auth);
    if (needsTouch(resolved.session.lastSeenAt, now)) {
      c.executionCtx.waitUntil(touchSession(db, resolved.session.id, now));
    }
  }
  await next();
});

/** Allowed: the configured app origin, or the origin the request itself was made to. */
export function checkOrigin(origin: string | undefined, requestUrl: string, appOrigin: string): void {
  if (origin && (origin === appOrigin || origin === new URL(requestUrl).origin)) return;
  throw new ApiError(403, 'origin_mismatch', 'This request must come from the Reel app');
}

/** The caller, or 401 `unauthenticated`. */
export function requireAuth(auth: Auth | null): Auth {
  if (!auth) throw new ApiError(401, 'unauthenticated', 'Sign in to do this');
  return auth;
}
