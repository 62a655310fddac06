import { escapeHtml, type PublicTitle, shortDescription } from './page-meta.ts';

/** Which SPA page the worker is answering: both carry the title's tags, the embed also its origins. */
export type PageKind = 'watch' | 'embed';

/** The document title and the tags appended to the SPA shell's head, as HTML with every value escaped. */
export type PageHead = { documentTitle: string; tags: string };

export const SITE_NAME = 'Reel';
const GENERIC_DESCRIPTION = 'Films, series and creators on Reel.';

/** The name of the meta tag the embed page reads to learn which parent origins may command the player. */
export const EMBED_ORIGINS_META = 'reel-embed-origins';

const meta = (attr: 'name' | 'property', key: string, content: string) =>
  `<meta ${attr}="${key}" content="${escapeHtml(content)}">`;
const link = (attrs: Record<string, string>) =>
  `<link ${Object.entries(attrs)
    .map(([k, v]) => `${k}="${escapeHtml(v)}"`)
    .join(' ')}>`;

/** The shareable address of a title: embeds and oEmbed name the watch page as canonical. */
export const watchUrl = (origin: string, id: string) => `${origin}/watch/${id}`;

/** The oEmbed endpoint for a title's watch page (oEmbed 1.0 §2.2 and §4 discovery). */
export const oembedUrl = (origin: string, id: string) =>
  `${origin}/api/oembed?url=${encodeURIComponent(watchUrl(origin, id))}&format=json`;

/**
 * Head of a page whose title a signed-out visitor may see: Open Graph (https://ogp.me, type video.other),
 * the Twitter card, the canonical watch URL and oEmbed discovery (oEmbed 1.0 §4). The embed page adds
 * `noindex` and the `reel-embed-origins` meta: a JSON array of origins, empty = any origin.
 */
export function titleHead(title: PublicTitle, kind: PageKind, origin: string): PageHead {
  const url = watchUrl(origin, title.id);
  const description = shortDescription(title.description) || `Watch ${title.title} on ${SITE_NAME}.`;
  const tags = [
    meta('name', 'description', description),
    link({ rel: 'canonical', href: url }),
    meta('property', 'og:site_name', SITE_NAME),
    meta('property', 'og:type', 'video.other'),
    meta('property', 'og:title', title.title),
    meta('property', 'og:description', description),
    meta('property', 'og:url', url),
    ...posterTags(title, origin),
    ...(title.durationS ? [meta('property', 'video:duration', String(Math.round(title.durationS)))] : []),
    meta('name', 'twitter:card', title.poster ? 'summary_large_image' : 'summary'),
    link({
      rel: 'alternate',
      type: 'application/json+oembed',
      href: oembedUrl(origin, title.id),
      title: title.title,
    }),
  ];
  if (kind === 'embed') {
    tags.push(meta('name', 'robots', 'noindex'));
    tags.push(meta('name', EMBED_ORIGINS_META, JSON.stringify(title.embedOrigins)));
  }
  return { documentTitle: `${title.title} · ${SITE_NAME}`, tags: tags.join('') };
}

function posterTags(title: PublicTitle, origin: string): string[] {
  if (!title.poster) return [];
  const { path, size } = title.poster;
  const tags = [meta('property', 'og:image', `${origin}${path}`)];
  if (size) {
    tags.push(meta('property', 'og:image:width', String(size.width)));
    tags.push(meta('property', 'og:image:height', String(size.height)));
  }
  return tags;
}

/**
 * Head for a title nobody signed out may see (private, unknown, age-restricted, not ready): the same for
 * all of them, so nothing tells them apart. No `reel-embed-origins` meta: the embed accepts no commands.
 */
export function genericHead(): PageHead {
  const tags = [
    meta('name', 'description', GENERIC_DESCRIPTION),
    meta('name', 'robots', 'noindex'),
    meta('property', 'og:site_name', SITE_NAME),
    meta('property', 'og:type', 'website'),
    meta('property', 'og:title', SITE_NAME),
    meta('property', 'og:description', GENERIC_DESCRIPTION),
    meta('name', 'twitter:card', 'summary'),
  ];
  return { documentTitle: SITE_NAME, tags: tags.join('') };
}

/**
 * Hints for the chunks a page needs before it can play (app/sw-build.ts writes the list at build time), so
 * the browser fetches them beside the entry chunk instead of one round trip after another: `modulepreload`
 * for scripts (HTML §4.6.7.12: fetched and compiled, run only when imported); the page's stylesheets are
 * linked outright, CORS-mode like Vite's own links, because Vite's loader of a lazy chunk skips a
 * stylesheet already linked but links (and waits for) one that was only preloaded. A media origin other than the app's gets a `preconnect`, so its TLS handshake overlaps the app's boot.
 */
export function preloadTags(files: readonly string[], mediaOrigin: string | null): string {
  const tags = files.map((href) =>
    href.endsWith('.css')
      ? link({ rel: 'stylesheet', crossorigin: '', href })
      : link({ rel: 'modulepreload', crossorigin: '', href }),
  );
  if (mediaOrigin) tags.push(link({ rel: 'preconnect', href: mediaOrigin, crossorigin: '' }));
  return tags.join('');
}
