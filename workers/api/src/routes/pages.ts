import { Id } from '@reel/contracts';
import { Hono } from 'hono';
import { z } from 'zod';
import { genericHead, type PageHead, type PageKind, preloadTags, titleHead } from '../domain/page-head.ts';
import { embedFrameAncestors, findPublicTitle, NO_FRAMING, type PublicTitle } from '../domain/page-meta.ts';
import { ApiError, problemResponse } from '../errors.ts';
import { context } from '../middleware/context.ts';
import type { AppEnv } from '../types.ts';

/**
 * The app pages the worker answers itself (root wrangler.toml `run_worker_first`): /watch/{id} and
 * /embed/{id} are the SPA shell from the static assets with a per-title head and per-title headers. Every
 * other app page is served by the assets layer with the headers of app/public/_headers.
 */
export const pagesRoutes = new Hono<AppEnv>();
pagesRoutes.use('*', context);

pagesRoutes.get('/:kind{watch|embed}/:id', async (c) => {
  const kind = c.req.param('kind') === 'embed' ? 'embed' : 'watch';
  const [title, chunks] = await Promise.all([
    lookUp(c.var.db, c.req.param('id'), c.var.requestId),
    routePreloads(c.env.ASSETS, c.req.url),
  ]);
  const head = title ? titleHead(title, kind, c.var.config.APP_ORIGIN) : genericHead();
  const media = new URL(c.var.config.MEDIA_BASE_URL).origin;
  const hints = preloadTags(chunks[kind] ?? [], media === new URL(c.req.url).origin ? null : media);
  const withHints = { ...head, tags: `${hints}${head.tags}` };
  return renderShell(c.env.ASSETS, c.req.url, withHints, framing(kind, title), c.var.requestId);
});

// Anything else under /watch/ or /embed/ (a missing or extra path segment): the shell, never framed; the
// SPA shows its own "not found".
pagesRoutes.notFound((c) =>
  renderShell(c.env.ASSETS, c.req.url, genericHead(), NO_FRAMING, c.var.requestId ?? crypto.randomUUID()),
);

const framing = (kind: PageKind, title: PublicTitle | null) =>
  kind === 'embed' ? embedFrameAncestors(title) : NO_FRAMING;

/** The title's public facts; a malformed id or a failing database reads as "not public" (fail closed). */
async function lookUp(db: AppEnv['Variables']['db'], id: string, requestId: string) {
  if (!Id.safeParse(id).success) return null;
  try {
    return await findPublicTitle(db, id);
  } catch (err) {
    console.error(JSON.stringify({ level: 'error', requestId, message: `page facts: ${String(err)}` }));
    return null;
  }
}

/** dist/route-preload.json (app/sw-build.ts): only asset paths, so nothing else can reach the head. */
const RoutePreloads = z.record(z.string(), z.array(z.string().regex(/^\/assets\/[\w.-]+\.(?:js|css)$/)));

/** The chunks each worker-answered page should preload; none when the build wrote no list. */
async function routePreloads(assets: Fetcher, url: string): Promise<z.infer<typeof RoutePreloads>> {
  const res = await assets.fetch(new Request(new URL('/route-preload.json', url)));
  if (!res.ok) return {};
  try {
    const parsed = RoutePreloads.safeParse(await res.json());
    return parsed.success ? parsed.data : {};
  } catch {
    return {}; // Not JSON: the SPA fallback answered because the file is missing.
  }
}

/**
 * The SPA's index.html with `head` written in by HTMLRewriter (streamed, never buffered). The response is
 * built fresh so only these headers go out: nothing the assets layer attached to its own answer (its
 * `_headers` rules, ETag of the unmodified file) can leak into or contradict a per-page policy.
 */
async function renderShell(assets: Fetcher, url: string, head: PageHead, csp: string, requestId: string) {
  // A bare request: the visitor's conditional headers must not turn the shell into a body-less 304.
  const shell = await assets.fetch(new Request(new URL('/', url)));
  if (!shell.ok || !shell.body) {
    const detail = `The app shell is unavailable (assets answered ${shell.status}); run npm run build:app`;
    return problemResponse(new ApiError(503, 'app_unavailable', detail), requestId);
  }
  const html = new HTMLRewriter()
    // Tags the shell may carry already would contradict the page's own.
    .on('head > meta[name="description"], head > meta[property^="og:"], head > meta[name^="twitter:"]', {
      element: (el) => void el.remove(),
    })
    .on('head > title', { element: (el) => void el.setInnerContent(head.documentTitle) })
    .on('head', { element: (el) => void el.append(head.tags, { html: true }) })
    .transform(shell);
  return new Response(html.body, { status: 200, headers: pageHeaders(csp, requestId) });
}

/** Security headers of a page (CSP Level 3 frame-ancestors; X-Frame-Options for browsers without it). */
function pageHeaders(csp: string, requestId: string): Headers {
  const headers = new Headers({
    'content-type': 'text/html; charset=utf-8',
    // The head follows the title's current state (renamed, made private): revalidate every time.
    'cache-control': 'no-cache',
    'content-security-policy': csp,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'strict-origin-when-cross-origin',
    'x-request-id': requestId,
  });
  if (csp === NO_FRAMING) headers.set('x-frame-options', 'DENY');
  return headers;
}
