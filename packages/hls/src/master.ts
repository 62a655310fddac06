import { AAC_LC } from './codecs.ts';
import { serializeMaster } from './serialize.ts';
import type { MasterPlaylist, Rendition, VariantStream } from './types.ts';

/** What the transcoder measured for one video rung. Bitrates in bits per second. */
export interface VideoRungFacts {
  uri: string;
  peakBitrate: number;
  averageBitrate: number;
  codec: string;
  width: number;
  height: number;
  frameRate: number;
}

/** What the transcoder measured for the audio rendition. */
export interface AudioFacts {
  uri: string;
  name: string;
  language?: string;
  peakBitrate: number;
  averageBitrate: number;
  codec?: string;
  channels: number;
}

export interface SubtitleFacts {
  uri: string;
  name: string;
  language: string;
  default?: boolean;
}

export interface MasterFacts {
  video: VideoRungFacts[];
  audio?: AudioFacts;
  subtitles?: SubtitleFacts[];
}

export const AUDIO_GROUP = 'audio';
export const SUBTITLE_GROUP = 'subs';

function audioRendition(a: AudioFacts): Rendition {
  const r: Rendition = { type: 'AUDIO', groupId: AUDIO_GROUP, name: a.name, default: true, autoselect: true };
  if (a.language !== undefined) r.language = a.language;
  r.channels = String(a.channels);
  r.uri = a.uri;
  return r;
}

function subtitleRendition(s: SubtitleFacts, index: number): Rendition {
  const isDefault = s.default ?? index === 0;
  return {
    type: 'SUBTITLES',
    groupId: SUBTITLE_GROUP,
    name: s.name,
    language: s.language,
    default: isDefault,
    autoselect: true,
    forced: false,
    uri: s.uri,
  };
}

/**
 * BANDWIDTH is the peak segment bitrate of everything a client fetches for the variant, so the audio
 * rendition's peak is added to the video's (RFC 8216bis §4.4.6.2); AVERAGE-BANDWIDTH likewise.
 */
function variant(v: VideoRungFacts, facts: MasterFacts): VariantStream {
  const audio = facts.audio;
  const out: VariantStream = {
    uri: v.uri,
    bandwidth: Math.ceil(v.peakBitrate + (audio?.peakBitrate ?? 0)),
    averageBandwidth: Math.ceil(v.averageBitrate + (audio?.averageBitrate ?? 0)),
    codecs: audio === undefined ? [v.codec] : [v.codec, audio.codec ?? AAC_LC],
    resolution: { width: v.width, height: v.height },
    frameRate: v.frameRate,
  };
  if (audio !== undefined) out.audio = AUDIO_GROUP;
  if ((facts.subtitles ?? []).length > 0) out.subtitles = SUBTITLE_GROUP;
  return out;
}

/** Builds our multivariant playlist model from measured facts, variants sorted by bandwidth. */
export function buildMaster(facts: MasterFacts): MasterPlaylist {
  const renditions: Rendition[] = [];
  if (facts.audio !== undefined) renditions.push(audioRendition(facts.audio));
  (facts.subtitles ?? []).forEach((s, i) => {
    renditions.push(subtitleRendition(s, i));
  });
  const variants = facts.video.map((v) => variant(v, facts)).sort((a, b) => a.bandwidth - b.bandwidth);
  // EXT-X-VERSION 6 is the lowest that the media playlists' EXT-X-MAP needs (RFC 8216bis §4.4.1.2).
  return { kind: 'master', version: 6, independentSegments: true, renditions, variants };
}

/**
 * Writes master.m3u8 text from measured facts.
 * @example writeMaster({ video: [{ uri: 'h264-360/index.m3u8', peakBitrate: 900_000, … }], audio })
 */
export function writeMaster(facts: MasterFacts): string {
  return serializeMaster(buildMaster(facts));
}
