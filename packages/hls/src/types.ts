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

/** EXT-X-MAP: the media initialization section (RFC 8216bis §4.4.4.5). */
export interface MediaInitSection {
  uri: string;
  byteRange?: ByteRange;
}

/** One media segment: EXTINF plus the tags that apply to it (RFC 8216bis §4.4.4). */
export interface MediaSegment {
  uri: string;
  duration: number;
  title?: string;
  byteRange?: ByteRange;
  discontinuity?: boolean;
  map?: MediaInitSection;
}

/** A media playlist (RFC 8216bis §4.4.3). */
export interface MediaPlaylist {
  kind: 'media';
  version?: number;
  targetDuration: number;
  mediaSequence: number;
  playlistType?: 'VOD' | 'EVENT';
  independentSegments: boolean;
  endList: boolean;
  segments: MediaSegment[];
}

export type Playlist = MasterPlaylist | MediaPlaylist;

/** Expected failures are values: a parse error names the line (1-based) and why. */
export type ParseResult<T> = { ok: true; playlist: T } | { ok: false; line: number; reason: string };
