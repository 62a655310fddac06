import { formatDecimal, serializeAttributeList } from './attributes.ts';
import { isClear, keyLine, sameKey } from './key.ts';
import type {
  ByteRange,
  MasterPlaylist,
  MediaInitSection,
  MediaPlaylist,
  MediaSegment,
  Playlist,
  Rendition,
  SegmentKey,
  VariantStream,
} from './types.ts';

const yesNo = (value: boolean | undefined) => (value === undefined ? undefined : value ? 'YES' : 'NO');
const range = (r: ByteRange) => (r.offset === undefined ? `${r.length}` : `${r.length}@${r.offset}`);

/** EXT-X-MEDIA: quoted-strings vs enumerated-strings per RFC 8216bis §4.4.6.1. */
function renditionLine(r: Rendition): string {
  return `#EXT-X-MEDIA:${serializeAttributeList([
    ['TYPE', r.type, false],
    ['GROUP-ID', r.groupId, true],
    ['NAME', r.name, true],
    ['LANGUAGE', r.language, true],
    ['DEFAULT', yesNo(r.default), false],
    ['AUTOSELECT', yesNo(r.autoselect), false],
    ['FORCED', yesNo(r.forced), false],
    ['CHANNELS', r.channels, true],
    ['CHARACTERISTICS', r.characteristics, true],
    ['URI', r.uri, true],
  ])}`;
}

/** EXT-X-STREAM-INF (RFC 8216bis §4.4.6.2); FRAME-RATE is rounded to three decimal places there. */
function variantLines(v: VariantStream): string[] {
  const attrs = serializeAttributeList([
    ['BANDWIDTH', v.bandwidth, false],
    ['AVERAGE-BANDWIDTH', v.averageBandwidth, false],
    ['CODECS', v.codecs?.join(','), true],
    ['RESOLUTION', v.resolution && `${v.resolution.width}x${v.resolution.height}`, false],
    ['FRAME-RATE', v.frameRate === undefined ? undefined : formatDecimal(v.frameRate, 3), false],
    ['AUDIO', v.audio, true],
    ['SUBTITLES', v.subtitles, true],
  ]);
  return [`#EXT-X-STREAM-INF:${attrs}`, v.uri];
}

/** Serializes a multivariant playlist; renditions precede the variants that reference them. */
export function serializeMaster(playlist: MasterPlaylist): string {
  const lines = ['#EXTM3U'];
  if (playlist.version !== undefined) lines.push(`#EXT-X-VERSION:${playlist.version}`);
  if (playlist.independentSegments) lines.push('#EXT-X-INDEPENDENT-SEGMENTS');
  for (const r of playlist.renditions) lines.push(renditionLine(r));
  for (const v of playlist.variants) lines.push(...variantLines(v));
  return `${lines.join('\n')}\n`;
}

function mapLine(map: MediaInitSection): string {
  return `#EXT-X-MAP:${serializeAttributeList([
    ['URI', map.uri, true],
    ['BYTERANGE', map.byteRange && range(map.byteRange), true],
  ])}`;
}

const sameMap = (a: MediaInitSection | undefined, b: MediaInitSection | undefined) =>
  a?.uri === b?.uri &&
  a?.byteRange?.length === b?.byteRange?.length &&
  a?.byteRange?.offset === b?.byteRange?.offset &&
  sameKey(a?.key, b?.key);

function headerLines(playlist: MediaPlaylist): string[] {
  const lines = ['#EXTM3U'];
  if (playlist.version !== undefined) lines.push(`#EXT-X-VERSION:${playlist.version}`);
  lines.push(`#EXT-X-TARGETDURATION:${playlist.targetDuration}`);
  lines.push(`#EXT-X-MEDIA-SEQUENCE:${playlist.mediaSequence}`);
  if (playlist.discontinuitySequence !== undefined) {
    lines.push(`#EXT-X-DISCONTINUITY-SEQUENCE:${playlist.discontinuitySequence}`);
  }
  if (playlist.playlistType !== undefined) lines.push(`#EXT-X-PLAYLIST-TYPE:${playlist.playlistType}`);
  if (playlist.independentSegments) lines.push('#EXT-X-INDEPENDENT-SEGMENTS');
  return lines;
}

/** What the tags written so far put in effect: EXT-X-MAP and EXT-X-KEY both apply until replaced. */
interface InEffect {
  map: MediaInitSection | undefined;
  key: SegmentKey | undefined;
}

const keyFormat = (k: SegmentKey | undefined) => k?.keyFormat ?? 'identity';

/**
 * Writes a key tag when `wanted` differs from the key in effect; `undefined` wants clear media. A key of
 * another KEYFORMAT would ADD to the one in effect (§4.4.4.4), so that one is ended with NONE first.
 */
function switchKey(lines: string[], now: InEffect, wanted: SegmentKey | undefined): void {
  const unchanged = wanted === undefined ? isClear(now.key) : sameKey(wanted, now.key);
  if (unchanged) return;
  if (!isClear(wanted) && !isClear(now.key) && keyFormat(wanted) !== keyFormat(now.key))
    lines.push(keyLine(undefined));
  lines.push(keyLine(wanted));
  now.key = wanted ?? { method: 'NONE' };
}

/**
 * A key tag applies to an EXT-X-MAP that follows it (§4.4.4.5), so the init section's own key (none for
 * our clear init segments) is put in effect before the map line and the segment's key after it.
 */
function segmentLines(lines: string[], now: InEffect, s: MediaSegment): void {
  if (s.discontinuity) lines.push('#EXT-X-DISCONTINUITY');
  if (s.map !== undefined && !sameMap(s.map, now.map)) {
    switchKey(lines, now, s.map.key);
    lines.push(mapLine(s.map));
    now.map = s.map;
  }
  switchKey(lines, now, s.key);
  lines.push(`#EXTINF:${formatDecimal(s.duration, 6)},${s.title ?? ''}`);
  if (s.byteRange !== undefined) lines.push(`#EXT-X-BYTERANGE:${range(s.byteRange)}`);
  lines.push(s.uri);
}

/**
 * Serializes a media playlist. EXT-X-MAP (RFC 8216bis §4.4.4.5) and EXT-X-KEY (§4.4.4.4) apply to every
 * following segment until the next one, so each is written only where it changes.
 * @example serializeMedia(parsed) // '#EXTM3U\n#EXT-X-VERSION:7\n…'
 */
export function serializeMedia(playlist: MediaPlaylist): string {
  const lines = headerLines(playlist);
  const now: InEffect = { map: undefined, key: undefined };
  for (const s of playlist.segments) segmentLines(lines, now, s);
  if (playlist.endList) lines.push('#EXT-X-ENDLIST');
  return `${lines.join('\n')}\n`;
}

/** Serializes either kind of playlist. */
export function serializePlaylist(playlist: Playlist): string {
  return playlist.kind === 'master' ? serializeMaster(playlist) : serializeMedia(playlist);
}
