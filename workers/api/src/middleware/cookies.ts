import type { Context } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import { SESSION_TTL_MS } from '../domain/sessions.ts';

/**
 * `__Host-` (Secure, Path=/, no Domain) everywhere but plain-http localhost, where browsers (Safari)
 * drop Secure cookies: there the unprefixed name is used (DESIGN.md "Auth").
 */
export const SESSION_COOKIE_NAMES = ['__Host-reel_session', 'reel_session'] as const;

const isPlainLocalhost = (url: string) => {
  const u = new URL(url);
  return u.protocol === 'http:' && (u.hostname === 'localhost' || u.hostname === '127.0.0.1');
};

export function setSessionCookie(c: Context, token: string): void {
  const local = isPlainLocalhost(c.req.url);
  setCookie(c, local ? 'reel_session' : '__Host-reel_session', token, {
    path: '/',
    httpOnly: true,
    sameSite: 'Lax',
    secure: !local,
    maxAge: Math.floor(SESSION_TTL_MS / 1000),
  });
}

export function clearSessionCookie(c: Context): void {
  const local = isPlainLocalhost(c.req.url);
  deleteCookie(c, local ? 'reel_session' : '__Host-reel_session', { path: '/', secure: !local });
}
