/** A decimal-resolution attribute value (RFC 8216bis §4.2). */
export interface Resolution {
  width: number;
  height: number;
}

/** A byte range `n[@o]` (RFC 8216bis §4.4.4.2). */
export interface ByteRange {
  length: number;
  offset?: number;
}

/** EXT-X-MEDIA TYPE (RFC 8216bis §4.4.6.1). */
export type RenditionType = 'AUDIO' | 'VIDEO' | 'SUBTITLES' | 'CLOSED-CAPTIONS';

/** One EXT-X-MEDIA tag (RFC 8216bis §4.4.6.1). */
export interface Rendition {
  type: RenditionType;
  groupId: string;
  name: string;
  uri?: string;
  language?: string;
  default?: boolean;
  autoselect?: boolean;
  forced?: boolean;
  channels?: string;
  characteristics?: string;
}

/** One EXT-X-STREAM-INF tag and its URI line (RFC 8216bis §4.4.6.2). */
export interface VariantStream {
  uri: string;
  bandwidth: number;
  averageBandwidth?: number;
  codecs?: string[];
  resolution?: Resolution;
  frameRate?: number;
  audio?: string;
  subtitles?: string;
}

/** A multivariant ("master") playlist (RFC 8216bis §4.4.6). */
export interface MasterPlaylist {
  kind: 'master';
  version?: number;
  independentSegments: boolean;
  renditions: Rendition[];
  variants: VariantStream[];
}

/** EXT-X-KEY METHOD (RFC 8216bis §4.4.4.4). */
export type KeyMethod = 'NONE' | 'AES-128' | 'SAMPLE-AES' | 'SAMPLE-AES-CTR';

/**
 * One EXT-X-KEY tag (RFC 8216bis §4.4.4.4). It applies to every following segment (and EXT-X-MAP) until
 * the next key tag; `METHOD=NONE` carries no other attribute. Without an IV the segment's media sequence
 * number is the IV (§5.2).
 */
export interface SegmentKey {
  method: KeyMethod;
  uri?: string;
  /** The 128-bit IV, 16 bytes, from the hexadecimal-sequence `IV` attribute. */
  iv?: Uint8Array;
  keyFormat?: string;
  keyFormatVersions?: string;
}

/** EXT-X-MAP: the media initialization section (RFC 8216bis §4.4.4.5). */
export interface MediaInitSection {
  uri: string;
  byteRange?: ByteRange;
  /**
   * The key in effect at the EXT-X-MAP tag, when one encrypts the init section (§4.4.4.5); absent for a
   * clear init section, which is what our packaging writes (DESIGN.md "Protection").
   */
  key?: SegmentKey;
}

/** One media segment: EXTINF plus the tags that apply to it (RFC 8216bis §4.4.4). */
export interface MediaSegment {
  uri: string;
  duration: number;
  title?: string;
  byteRange?: ByteRange;
  discontinuity?: boolean;
  map?: MediaInitSection;
  /** The EXT-X-KEY in effect; absent only before the playlist's first key tag. */
  key?: SegmentKey;
}

/** A media playlist (RFC 8216bis §4.4.3). */
export interface MediaPlaylist {
  kind: 'media';
  version?: number;
  targetDuration: number;
  mediaSequence: number;
  /** EXT-X-DISCONTINUITY-SEQUENCE (RFC 8216bis §4.4.3.3); absent means 0. */
  discontinuitySequence?: number;
  playlistType?: 'VOD' | 'EVENT';
  independentSegments: boolean;
  endList: boolean;
  segments: MediaSegment[];
}

export type Playlist = MasterPlaylist | MediaPlaylist;

/** Expected failures are values: a parse error names the line (1-based) and why. */
export type ParseResult<T> = { ok: true; playlist: T } | { ok: false; line: number; reason: string };
