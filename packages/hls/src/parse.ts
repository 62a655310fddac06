import {
  type AttributeList,
  parseAttributeList,
  type Read,
  readEnum,
  readFloat,
  readInteger,
  readQuoted,
  readResolution,
} from './attributes.ts';
import { isClear, parseKey } from './key.ts';
import type {
  ByteRange,
  MasterPlaylist,
  MediaInitSection,
  MediaPlaylist,
  MediaSegment,
  ParseResult,
  Playlist,
  Rendition,
  RenditionType,
  SegmentKey,
  VariantStream,
} from './types.ts';

/** Thrown inside the parser only; `parsePlaylist` turns it into a `{ok: false}` value. */
class SyntaxFault extends Error {}

const RENDITION_TYPES = ['AUDIO', 'VIDEO', 'SUBTITLES', 'CLOSED-CAPTIONS'] as const;
const YES_NO = ['YES', 'NO'] as const;
const MASTER_TAGS = ['#EXT-X-STREAM-INF:', '#EXT-X-MEDIA:'];
const MEDIA_TAGS = ['#EXTINF:', '#EXT-X-TARGETDURATION:'];
/**
 * Tags we do not model and may not ignore: dropping them would change what a client plays (variable
 * substitution §4.4.2.3, I-frame-only media §4.4.3.6, a segment gap §4.4.4.7, a delta update §4.4.5.2).
 * Other unknown tags are ignored as §4.1 asks; they are informational or only optimise loading.
 */
const REFUSED_TAGS = ['EXT-X-DEFINE', 'EXT-X-I-FRAMES-ONLY', 'EXT-X-GAP', 'EXT-X-SKIP'];

function take<T>(read: Read<T>): T | undefined {
  if (!read.ok) throw new SyntaxFault(read.reason);
  return read.value;
}

function required<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new SyntaxFault(`missing ${what}`);
  return value;
}

function attributes(text: string): AttributeList {
  const attrs = parseAttributeList(text);
  if (attrs === undefined) throw new SyntaxFault('malformed attribute list');
  return attrs;
}

function flag(attrs: AttributeList, name: string): boolean | undefined {
  const value = take(readEnum(attrs, name, YES_NO));
  return value === undefined ? undefined : value === 'YES';
}

function integer(text: string, what: string): number {
  if (!/^\d{1,15}$/.test(text)) throw new SyntaxFault(`${what} must be a decimal-integer`);
  return Number(text);
}

/**
 * Parses a master or media playlist. Unknown tags and comments are ignored (RFC 8216bis §4.1) unless ignoring
 * them would change the playlist's meaning (REFUSED_TAGS); a playlist holding both master and media tags is
 * an error (§4.1).
 * @example const result = parsePlaylist(text); if (result.ok && result.playlist.kind === 'master') …
 */
export function parsePlaylist(text: string): ParseResult<Playlist> {
  const lines = text.split(/\r?\n/);
  let lineNo = 0;
  try {
    if (lines[0]?.trim() !== '#EXTM3U') throw new SyntaxFault('the first line must be #EXTM3U (§4.4.1.1)');
    const isMaster = lines.some((l) => MASTER_TAGS.some((t) => l.startsWith(t)));
    const isMedia = lines.some((l) => MEDIA_TAGS.some((t) => l.startsWith(t)));
    if (isMaster && isMedia) throw new SyntaxFault('master and media tags in one playlist');
    const step = (n: number) => {
      lineNo = n + 1;
    };
    refuseUnsupported(lines, step);
    const playlist = isMaster ? parseMaster(lines, step) : parseMedia(lines, step);
    return { ok: true, playlist };
  } catch (error) {
    if (error instanceof SyntaxFault) return { ok: false, line: lineNo, reason: error.message };
    throw error;
  }
}

function refuseUnsupported(lines: string[], step: (n: number) => void): void {
  lines.forEach((raw, n) => {
    const name = /^#(EXT-X-[A-Z0-9-]+)(:|$)/.exec(raw.trim())?.[1];
    if (name === undefined || !REFUSED_TAGS.includes(name)) return;
    step(n);
    throw new SyntaxFault(`${name} is not supported (ignoring it would change the playlist)`);
  });
}

function parseMaster(lines: string[], step: (n: number) => void): MasterPlaylist {
  const playlist: MasterPlaylist = {
    kind: 'master',
    independentSegments: false,
    renditions: [],
    variants: [],
  };
  let pending: Omit<VariantStream, 'uri'> | undefined;
  lines.forEach((raw, n) => {
    step(n);
    const line = raw.trim();
    if (line === '' || n === 0) return;
    if (!line.startsWith('#')) {
      if (pending === undefined) throw new SyntaxFault('a URI line without EXT-X-STREAM-INF');
      playlist.variants.push({ ...pending, uri: line });
      pending = undefined;
    } else if (line.startsWith('#EXT-X-STREAM-INF:')) pending = parseStreamInf(line.slice(18));
    else if (line.startsWith('#EXT-X-MEDIA:')) playlist.renditions.push(parseRendition(line.slice(13)));
    else if (line === '#EXT-X-INDEPENDENT-SEGMENTS') playlist.independentSegments = true;
    else if (line.startsWith('#EXT-X-VERSION:')) playlist.version = integer(line.slice(15), 'EXT-X-VERSION');
  });
  if (pending !== undefined) throw new SyntaxFault('EXT-X-STREAM-INF without a URI line');
  return playlist;
}

/** EXT-X-STREAM-INF (RFC 8216bis §4.4.6.2). */
function parseStreamInf(text: string): Omit<VariantStream, 'uri'> {
  const attrs = attributes(text);
  const variant: Omit<VariantStream, 'uri'> = {
    bandwidth: required(take(readInteger(attrs, 'BANDWIDTH')), 'BANDWIDTH'),
  };
  const average = take(readInteger(attrs, 'AVERAGE-BANDWIDTH'));
  const codecs = take(readQuoted(attrs, 'CODECS'));
  const resolution = take(readResolution(attrs, 'RESOLUTION'));
  const frameRate = take(readFloat(attrs, 'FRAME-RATE'));
  const audio = take(readQuoted(attrs, 'AUDIO'));
  const subtitles = take(readQuoted(attrs, 'SUBTITLES'));
  if (average !== undefined) variant.averageBandwidth = average;
  if (codecs !== undefined) variant.codecs = codecs.split(',').map((c) => c.trim());
  if (resolution !== undefined) variant.resolution = resolution;
  if (frameRate !== undefined) variant.frameRate = frameRate;
  if (audio !== undefined) variant.audio = audio;
  if (subtitles !== undefined) variant.subtitles = subtitles;
  return variant;
}

/** EXT-X-MEDIA (RFC 8216bis §4.4.6.1). */
function parseRendition(text: string): Rendition {
  const attrs = attributes(text);
  const type: RenditionType = required(take(readEnum(attrs, 'TYPE', RENDITION_TYPES)), 'TYPE');
  const rendition: Rendition = {
    type,
    groupId: required(take(readQuoted(attrs, 'GROUP-ID')), 'GROUP-ID'),
    name: required(take(readQuoted(attrs, 'NAME')), 'NAME'),
  };
  const optional = {
    uri: take(readQuoted(attrs, 'URI')),
    language: take(readQuoted(attrs, 'LANGUAGE')),
    default: flag(attrs, 'DEFAULT'),
    autoselect: flag(attrs, 'AUTOSELECT'),
    forced: flag(attrs, 'FORCED'),
    channels: take(readQuoted(attrs, 'CHANNELS')),
    characteristics: take(readQuoted(attrs, 'CHARACTERISTICS')),
  };
  if (type === 'SUBTITLES' && optional.uri === undefined) throw new SyntaxFault('SUBTITLES needs a URI');
  for (const [key, value] of Object.entries(optional)) {
    if (value !== undefined) Object.assign(rendition, { [key]: value });
  }
  return rendition;
}

function parseByteRange(text: string): ByteRange {
  const match = /^(\d+)(?:@(\d+))?$/.exec(text);
  if (match === null) throw new SyntaxFault('malformed BYTERANGE');
  const range: ByteRange = { length: Number(match[1]) };
  if (match[2] !== undefined) range.offset = Number(match[2]);
  return range;
}

/** EXT-X-MAP (RFC 8216bis §4.4.4.5). */
function parseMap(text: string): MediaInitSection {
  const attrs = attributes(text);
  const map: MediaInitSection = { uri: required(take(readQuoted(attrs, 'URI')), 'URI') };
  const range = take(readQuoted(attrs, 'BYTERANGE'));
  if (range !== undefined) map.byteRange = parseByteRange(range);
  return map;
}

/** EXTINF: `duration,[title]` (RFC 8216bis §4.4.4.1). */
function parseExtinf(text: string): Omit<MediaSegment, 'uri'> {
  const comma = text.indexOf(',');
  const durationText = comma < 0 ? text : text.slice(0, comma);
  if (!/^\d+(\.\d+)?$/.test(durationText)) throw new SyntaxFault('EXTINF duration must be a decimal');
  const segment: Omit<MediaSegment, 'uri'> = { duration: Number(durationText) };
  const title = comma < 0 ? '' : text.slice(comma + 1);
  if (title !== '') segment.title = title;
  return segment;
}

interface MediaState {
  playlist: MediaPlaylist;
  next: Omit<MediaSegment, 'uri'> | undefined;
  map: MediaInitSection | undefined;
  key: SegmentKey | undefined;
  /** Whether a key tag came since the last segment: two at once would be two key formats (§4.4.4.4). */
  keyPending: boolean;
  range: ByteRange | undefined;
  discontinuity: boolean;
  targetSeen: boolean;
}

function parseMedia(lines: string[], step: (n: number) => void): MediaPlaylist {
  const state: MediaState = {
    playlist: {
      kind: 'media',
      targetDuration: 0,
      mediaSequence: 0,
      independentSegments: false,
      endList: false,
      segments: [],
    },
    next: undefined,
    map: undefined,
    key: undefined,
    keyPending: false,
    range: undefined,
    discontinuity: false,
    targetSeen: false,
  };
  lines.forEach((raw, n) => {
    step(n);
    const line = raw.trim();
    if (line !== '' && n !== 0) mediaLine(state, line);
  });
  if (state.next !== undefined) throw new SyntaxFault('EXTINF without a URI line');
  if (!state.targetSeen) throw new SyntaxFault('missing EXT-X-TARGETDURATION (§4.4.3.1)');
  return state.playlist;
}

function mediaLine(state: MediaState, line: string): void {
  const { playlist } = state;
  if (!line.startsWith('#')) pushSegment(state, line);
  else if (line.startsWith('#EXTINF:')) state.next = parseExtinf(line.slice(8));
  else if (line.startsWith('#EXT-X-BYTERANGE:')) state.range = parseByteRange(line.slice(17));
  else if (line.startsWith('#EXT-X-MAP:')) state.map = keyedMap(parseMap(line.slice(11)), state.key);
  else if (line.startsWith('#EXT-X-KEY:')) setKey(state, required(take(parseKey(line.slice(11))), 'METHOD'));
  else if (line === '#EXT-X-DISCONTINUITY') state.discontinuity = true;
  else if (line === '#EXT-X-ENDLIST') playlist.endList = true;
  else if (line === '#EXT-X-INDEPENDENT-SEGMENTS') playlist.independentSegments = true;
  else if (line.startsWith('#EXT-X-TARGETDURATION:')) {
    playlist.targetDuration = integer(line.slice(22), 'EXT-X-TARGETDURATION');
    state.targetSeen = true;
  } else if (line.startsWith('#EXT-X-MEDIA-SEQUENCE:')) {
    playlist.mediaSequence = integer(line.slice(22), 'EXT-X-MEDIA-SEQUENCE');
  } else if (line.startsWith('#EXT-X-DISCONTINUITY-SEQUENCE:')) {
    playlist.discontinuitySequence = integer(line.slice(30), 'EXT-X-DISCONTINUITY-SEQUENCE');
  } else if (line.startsWith('#EXT-X-VERSION:')) playlist.version = integer(line.slice(15), 'EXT-X-VERSION');
  else if (line.startsWith('#EXT-X-PLAYLIST-TYPE:')) playlist.playlistType = playlistType(line.slice(21));
}

function playlistType(text: string): 'VOD' | 'EVENT' {
  if (text !== 'VOD' && text !== 'EVENT') throw new SyntaxFault('EXT-X-PLAYLIST-TYPE must be VOD or EVENT');
  return text;
}

/**
 * A key tag before EXT-X-MAP encrypts the init section too (§4.4.4.5), and then AES-128 needs an explicit IV
 * there: the init section has no media sequence number to stand in for one.
 */
function keyedMap(map: MediaInitSection, key: SegmentKey | undefined): MediaInitSection {
  if (key === undefined || isClear(key)) return map;
  if (key.method === 'AES-128' && key.iv === undefined) {
    throw new SyntaxFault('an AES-128 key that applies to EXT-X-MAP needs an IV (§4.4.4.5)');
  }
  return { ...map, key };
}

/**
 * A key applies until the next key tag. Several key tags before one segment are only allowed with
 * different KEYFORMATs (multi-DRM, §4.4.4.4), which our one-key model cannot hold, so those are refused.
 */
function setKey(state: MediaState, key: SegmentKey): void {
  const previous = state.key;
  const sameFormat = (previous?.keyFormat ?? 'identity') === (key.keyFormat ?? 'identity');
  if (state.keyPending && !isClear(previous) && !isClear(key) && !sameFormat) {
    throw new SyntaxFault('several EXT-X-KEY formats for one segment are not supported');
  }
  state.key = key;
  state.keyPending = true;
}

function pushSegment(state: MediaState, uri: string): void {
  if (state.next === undefined) throw new SyntaxFault('a URI line without EXTINF (§4.4.4.1)');
  const segment: MediaSegment = { ...state.next, uri };
  if (state.range !== undefined) segment.byteRange = state.range;
  if (state.discontinuity) segment.discontinuity = true;
  if (state.map !== undefined) segment.map = state.map;
  if (state.key !== undefined) segment.key = state.key;
  state.playlist.segments.push(segment);
  state.keyPending = false;
  state.next = undefined;
  state.range = undefined;
  state.discontinuity = false;
}
