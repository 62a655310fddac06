import { createRoute, z } from '@hono/zod-openapi';
import { Id, Me, SessionList } from '@reel/contracts';
import { toProfileView, toUserView } from '../domain/accounts.ts';
import { listSessions, revokeAllSessions, revokeSession, toSessionView } from '../domain/session-admin.ts';
import { notFound } from '../errors.ts';
import { clearSessionCookie } from '../middleware/cookies.ts';
import { requireAuth } from '../middleware/session.ts';
import { router } from '../router.ts';
import { problem } from './openapi.ts';

const meRoute = createRoute({
  method: 'get',
  path: '/me',
  tags: ['auth'],
  summary: 'The signed-in user and the session’s active profile (null until one is picked)',
  responses: {
    200: { description: 'Who is signed in', content: { 'application/json': { schema: Me } } },
    401: problem('Not signed in, or the session has ended'),
  },
});

const listRoute = createRoute({
  method: 'get',
  path: '/sessions',
  tags: ['auth'],
  summary: 'The signed-in user’s live sessions, most recently used first',
  responses: {
    200: { description: 'Sessions', content: { 'application/json': { schema: SessionList } } },
    401: problem('Not signed in, or the session has ended'),
  },
});

const revokeRoute = createRoute({
  method: 'delete',
  path: '/sessions/{id}',
  tags: ['auth'],
  summary: 'Sign one of your sessions out',
  request: { params: z.object({ id: Id }) },
  responses: {
    204: { description: 'Session ended' },
    400: problem('Malformed session id'),
    401: problem('Not signed in, or the session has ended'),
    403: problem('Foreign Origin on a cookie request'),
    404: problem('No such session among yours'),
  },
});

const logoutAllRoute = createRoute({
  method: 'post',
  path: '/logout-all',
  tags: ['auth'],
  summary: 'Sign out everywhere, this session included',
  responses: {
    204: { description: 'Every session ended' },
    401: problem('Not signed in, or the session has ended'),
    403: problem('Foreign Origin on a cookie request'),
  },
});

/** Session management for the signed-in user; mounted under /api/auth by routes/auth.ts. */
export const sessionRoutes = router()
  .openapi(meRoute, (c) => {
    const auth = requireAuth(c.var.auth);
    c.header('cache-control', 'no-store');
    const profile = auth.profile ? toProfileView(auth.profile) : null;
    return c.json({ user: toUserView(auth.user), profile }, 200);
  })
  .openapi(listRoute, async (c) => {
    const auth = requireAuth(c.var.auth);
    const rows = await listSessions(c.var.db, auth.user.id, c.var.now);
    c.header('cache-control', 'no-store');
    return c.json({ sessions: rows.map((s) => toSessionView(s, auth.session.id)) }, 200);
  })
  .openapi(revokeRoute, async (c) => {
    const auth = requireAuth(c.var.auth);
    const { id } = c.req.valid('param');
    if (!(await revokeSession(c.var.db, auth.user.id, id))) throw notFound('Session');
    if (id === auth.session.id) clearSessionCookie(c);
    return c.body(null, 204);
  })
  .openapi(logoutAllRoute, async (c) => {
    const auth = requireAuth(c.var.auth);
    await revokeAllSessions(c.var.db, auth.user.id);
    clearSessionCookie(c);
    return c.body(null, 204);
  });
