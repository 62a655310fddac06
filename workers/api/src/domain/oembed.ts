import { Id } from '@reel/contracts';
import { SITE_NAME } from './page-head.ts';
import { escapeHtml, type PublicTitle } from './page-meta.ts';

/** Size of the embed when the consumer sets no maximum; every size keeps the player's 16:9. */
export const DEFAULT_EMBED = { width: 640, height: 360 } as const;

/**
 * The video id a URL names, when it is one of ours: `{origin}/watch/{id}` or `{origin}/embed/{id}` on one of
 * `origins` (the oEmbed URL scheme, oEmbed 1.0 §2.1). Query and fragment are ignored (`?t=42` still names the
 * title); anything else is null, which the endpoint answers with 404 (§2.3.4).
 * @example titleIdOfUrl('https://reel.example/watch/Xy3kQ9mN2pL7vR4t?t=5', ['https://reel.example'])
 */
export function titleIdOfUrl(url: string, origins: readonly string[]): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (!origins.includes(parsed.origin)) return null;
  const match = /^\/(?:watch|embed)\/([^/]+)\/?$/.exec(parsed.pathname);
  const id = match?.[1];
  return id !== undefined && Id.safeParse(id).success ? id : null;
}

/**
 * The largest 16:9 size within `maxwidth` × `maxheight` (oEmbed 1.0 §2.2: the embed must not exceed
 * either), or the default when the consumer gives neither. Heights round down, so they never exceed.
 */
export function embedSize(maxwidth?: number, maxheight?: number): { width: number; height: number } {
  if (maxwidth === undefined && maxheight === undefined) return { ...DEFAULT_EMBED };
  const byHeight = maxheight === undefined ? Number.POSITIVE_INFINITY : Math.floor((maxheight * 16) / 9);
  const width = Math.min(maxwidth ?? Number.POSITIVE_INFINITY, byHeight);
  return { width, height: Math.floor((width * 9) / 16) };
}

/** The `video` type response of oEmbed 1.0 §2.3.4 (thumbnail fields all three or none, §2.3.4). */
export type OEmbedVideo = {
  type: 'video';
  version: '1.0';
  title: string;
  author_name: string;
  provider_name: string;
  provider_url: string;
  html: string;
  width: number;
  height: number;
  thumbnail_url?: string;
  thumbnail_width?: number;
  thumbnail_height?: number;
};

/** The oEmbed answer for a public title: an iframe of /embed/{id} at the fitted size. */
export function oembedVideo(
  title: PublicTitle,
  origin: string,
  size: { width: number; height: number },
): OEmbedVideo {
  const src = `${origin}/embed/${title.id}`;
  const html =
    `<iframe src="${escapeHtml(src)}" width="${size.width}" height="${size.height}" ` +
    `title="${escapeHtml(title.title)}" frameborder="0" ` +
    'allow="autoplay; fullscreen; picture-in-picture; encrypted-media" allowfullscreen></iframe>';
  return {
    type: 'video',
    version: '1.0',
    title: title.title,
    author_name: title.channelName,
    provider_name: SITE_NAME,
    provider_url: `${origin}/`,
    html,
    ...size,
    ...thumbnail(title, origin),
  };
}

/** The poster as the oEmbed thumbnail, only with its size: §2.3.4 wants all three fields or none. */
function thumbnail(title: PublicTitle, origin: string) {
  const size = title.poster?.size;
  if (!title.poster || !size) return {};
  return {
    thumbnail_url: `${origin}${title.poster.path}`,
    thumbnail_width: size.width,
    thumbnail_height: size.height,
  };
}
