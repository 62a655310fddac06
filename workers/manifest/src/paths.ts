/**
 * The token path layout (DESIGN.md "Public contract"): `/v/{token}/…` and nothing else. Every accepted path is
 * matched by a strict grammar, so `..`, encoded slashes or another video's folder can never name an R2 key:
 * the key is built from the token's claims plus one of these shapes.
 */

/** What a media URL asks for, below the token. */
export type MediaResource =
  | { kind: 'master' }
  | { kind: 'mpd' }
  | { kind: 'rendition'; rungId: string; file: 'index.m3u8' | 'init.mp4' | `seg_${number}.m4s` }
  | { kind: 'key'; tier: 'sd' | 'hd' }
  | { kind: 'thumbs'; file: string }
  | { kind: 'subs'; language: string; ext: 'vtt' | 'm3u8' };

export interface MediaPath {
  token: string;
  /** `/v/{token}`: the base that rewritten playlists use for path-absolute URIs. */
  base: string;
  /** The file below the asset folder, e.g. `h264-720/seg_3.m4s`. */
  path: string;
  resource: MediaResource;
}

const TOKEN = '([A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+)';
const RUNG = '([a-z0-9]+-[a-z0-9]+)';
const PATH = new RegExp(`^/v/${TOKEN}/(.+)$`);

const SHAPES: [RegExp, (m: RegExpMatchArray) => MediaResource][] = [
  [/^master\.m3u8$/, () => ({ kind: 'master' })],
  [/^manifest\.mpd$/, () => ({ kind: 'mpd' })],
  [
    new RegExp(`^${RUNG}/(index\\.m3u8|init\\.mp4|seg_(?:0|[1-9][0-9]{0,5})\\.m4s)$`),
    (m) => ({ kind: 'rendition', rungId: m[1] ?? '', file: (m[2] ?? '') as 'index.m3u8' }),
  ],
  [/^keys\/(sd|hd)\.key$/, (m) => ({ kind: 'key', tier: m[1] === 'hd' ? 'hd' : 'sd' })],
  [
    /^thumbs\/(sprites\.vtt|sprite_(?:0|[1-9][0-9]{0,4})\.jpg)$/,
    (m) => ({ kind: 'thumbs', file: m[1] ?? '' }),
  ],
  [
    /^subs\/([a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*)\.(vtt|m3u8)$/,
    (m) => ({ kind: 'subs', language: m[1] ?? '', ext: m[2] === 'vtt' ? 'vtt' : 'm3u8' }),
  ],
];

/**
 * Parses a request path; null for anything outside the layout.
 * @example parseMediaPath('/v/eyJ….eyJ….sig/h264-720/seg_3.m4s')?.resource // { kind: 'rendition', … }
 */
export function parseMediaPath(pathname: string): MediaPath | null {
  const m = PATH.exec(pathname);
  const token = m?.[1];
  const path = m?.[2];
  if (token === undefined || path === undefined) return null;
  for (const [shape, build] of SHAPES) {
    const match = path.match(shape);
    if (match) return { token, base: `/v/${token}`, path, resource: build(match) };
  }
  return null;
}
