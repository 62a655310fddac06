/**
 * Cache keys and media types of published assets (DESIGN.md "Caching").
 */

/**
 * The Cache API key of an asset file: `https://{host}/c/{videoId}/{assetVersion}/{path}`. It carries no
 * token and no query, so every viewer of a version shares one entry and CMCD query arguments never split
 * the cache; the version in the key makes the entry immutable.
 * @example mediaCacheKey('media.reel.example', 'vid_1', 'att_7', 'h264-720/seg_3.m4s')
 * // 'https://media.reel.example/c/vid_1/att_7/h264-720/seg_3.m4s'
 */
export function mediaCacheKey(host: string, videoId: string, assetVersion: string, path: string): string {
  const rel = path.replace(/^\/+/, '').split('?')[0] ?? '';
  return `https://${host}/c/${encodeURIComponent(videoId)}/${encodeURIComponent(assetVersion)}/${rel}`;
}

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  m3u8: 'application/vnd.apple.mpegurl',
  mpd: 'application/dash+xml',
  mp4: 'video/mp4',
  m4s: 'video/iso.segment',
  m4a: 'audio/mp4',
  vtt: 'text/vtt; charset=utf-8',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  key: 'application/octet-stream',
  json: 'application/json',
};

/**
 * The media type of an asset by its extension (playlists per RFC 8216bis §4, CMAF media segments as the
 * IANA-registered `video/iso.segment`); `application/octet-stream` when unknown.
 */
export function contentTypeFor(path: string): string {
  const name = path.slice(path.lastIndexOf('/') + 1);
  const dot = name.lastIndexOf('.');
  const ext = dot < 0 ? '' : name.slice(dot + 1).toLowerCase();
  return CONTENT_TYPES[ext] ?? 'application/octet-stream';
}
