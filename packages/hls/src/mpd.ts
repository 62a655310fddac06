/**
 * A static DASH MPD (ISO/IEC 23009-1, isoff-live profile §8.4) over the SAME CMAF segments the HLS ladder
 * uses, for players that speak DASH (dash.js). Built from the (rewritten) master and its media playlists,
 * so the policy that shaped the master shapes the MPD too.
 */
import { codecFamilyOf, rungIdOfUri, type VideoCodecFamily } from './rung.ts';
import { isoDuration, MpdError, resolveAgainst, type SegmentFacts, segmentTemplate } from './mpd-segments.ts';
import type { MasterPlaylist, MediaPlaylist, Rendition, VariantStream } from './types.ts';
import { writeXml, type XmlElement } from './xml.ts';

export { MpdError, type MpdErrorCode } from './mpd-segments.ts';

export interface MpdInput {
  master: MasterPlaylist;
  /** Media playlists by the URI the master names them with (variant URI or rendition URI). */
  media: ReadonlyMap<string, MediaPlaylist>;
  /** The presentation's duration; the longest media playlist's EXTINF sum when absent. */
  durationS?: number;
}

/** RFC 6381 sample entries of audio and text codecs; any other CODECS entry is taken as the video codec. */
const AUDIO_ENTRIES = ['mp4a', 'ac-3', 'ec-3', 'ac-4', 'opus', 'Opus', 'fLaC', 'mp3'];
const TEXT_ENTRIES = ['wvtt', 'stpp'];
const entryOf = (codec: string) => codec.trim().split('.')[0] ?? '';
const isAudio = (codec: string) => AUDIO_ENTRIES.includes(entryOf(codec));
const videoCodec = (v: VariantStream) =>
  v.codecs?.find((c) => !isAudio(c) && !TEXT_ENTRIES.includes(entryOf(c)));
const audioCodec = (v: VariantStream) => v.codecs?.find(isAudio);

/** Audio rung ids name kbit/s (`aac-128`); without one, AAC-LC stereo's usual rate. */
const DEFAULT_AUDIO_BPS = 128_000;
function audioBandwidth(rendition: Rendition): number {
  const kbps = /-(\d+)$/.exec(rungIdOfUri(rendition.uri ?? '') ?? '')?.[1];
  return kbps === undefined ? DEFAULT_AUDIO_BPS : Number(kbps) * 1000;
}

/** FrameRateType is an integer or a fraction (§5.3.12.2): 29.97 is `30000/1001`. */
function frameRate(fps: number | undefined): string | undefined {
  if (fps === undefined || fps <= 0) return undefined;
  if (Number.isInteger(fps)) return String(fps);
  const ntsc = Math.round((fps * 1001) / 1000);
  if (Math.abs(fps - (ntsc * 1000) / 1001) < 0.01) return `${ntsc * 1000}/1001`;
  return `${Math.round(fps * 1000)}/1000`;
}

interface Built {
  sets: XmlElement[];
  facts: SegmentFacts[];
}

function factsFor(uri: string, media: ReadonlyMap<string, MediaPlaylist>): SegmentFacts {
  const playlist = media.get(uri);
  if (playlist === undefined) throw new MpdError('missing_media_playlist', `no media playlist for ${uri}`);
  return segmentTemplate(uri, playlist);
}

/**
 * HLS BANDWIDTH counts the audio rendition too (RFC 8216bis §4.4.6.2); a DASH Representation's @bandwidth is
 * its own (§5.3.5.2), so the audio group's nominal rate is taken off.
 */
function videoBandwidth(v: VariantStream, renditions: readonly Rendition[]): number {
  const audio = renditions.find((r) => r.type === 'AUDIO' && r.groupId === v.audio && r.uri !== undefined);
  return Math.max(1, v.bandwidth - (audio === undefined ? 0 : audioBandwidth(audio)));
}

function videoRepresentation(
  v: VariantStream,
  index: number,
  input: MpdInput,
  facts: SegmentFacts,
): XmlElement {
  return {
    name: 'Representation',
    attrs: {
      id: rungIdOfUri(v.uri) ?? `video-${index}`,
      bandwidth: videoBandwidth(v, input.master.renditions),
      width: v.resolution?.width,
      height: v.resolution?.height,
      frameRate: frameRate(v.frameRate),
      codecs: videoCodec(v),
    },
    children: [facts.template],
  };
}

/**
 * One video AdaptationSet per codec family: Representations in a set must be seamlessly switchable
 * (§5.3.3.1), which a change of codec is not for most decoders (MSE `changeType` aside).
 */
function videoSets(input: MpdInput, built: Built): void {
  const families = new Map<VideoCodecFamily | 'other', VariantStream[]>();
  for (const v of input.master.variants) {
    if (videoCodec(v) === undefined) continue; // audio-only variant: its audio comes from the renditions
    const family = codecFamilyOf(v.codecs ?? []) ?? 'other';
    families.set(family, [...(families.get(family) ?? []), v]);
  }
  for (const variants of families.values()) {
    const sorted = [...variants].sort((a, b) => a.bandwidth - b.bandwidth);
    const representations = sorted.map((v, i) => {
      const facts = factsFor(v.uri, input.media);
      built.facts.push(facts);
      return videoRepresentation(v, i, input, facts);
    });
    const widths = sorted.map((v) => v.resolution?.width ?? 0);
    const heights = sorted.map((v) => v.resolution?.height ?? 0);
    built.sets.push({
      name: 'AdaptationSet',
      attrs: {
        id: built.sets.length,
        contentType: 'video',
        mimeType: 'video/mp4',
        segmentAlignment: true,
        startWithSAP: 1,
        maxWidth: Math.max(...widths) || undefined,
        maxHeight: Math.max(...heights) || undefined,
      },
      children: representations,
    });
  }
}

/** The renditions of one TYPE that a variant references, once each even when several groups share one URI. */
function referenced(input: MpdInput, type: 'AUDIO' | 'SUBTITLES'): Rendition[] {
  const groups = new Set(input.master.variants.map((v) => (type === 'AUDIO' ? v.audio : v.subtitles)));
  const seen = new Set<string>();
  return input.master.renditions.filter((r) => {
    if (r.type !== type || r.uri === undefined || !groups.has(r.groupId) || seen.has(r.uri)) return false;
    seen.add(r.uri);
    return true;
  });
}

const role = (r: Rendition, value: string): XmlElement => ({
  name: 'Role',
  attrs: { schemeIdUri: 'urn:mpeg:dash:role:2011', value: r.default === false ? 'alternate' : value },
});

/** One audio AdaptationSet per AUDIO rendition (language), with AudioChannelConfiguration (§5.8.4.7). */
function audioSets(input: MpdInput, built: Built): void {
  referenced(input, 'AUDIO').forEach((r, i) => {
    const uri = r.uri ?? '';
    const facts = factsFor(uri, input.media);
    built.facts.push(facts);
    const codec = input.master.variants.filter((v) => v.audio === r.groupId).map(audioCodec)[0];
    const channels = /^\d+/.exec(r.channels ?? '')?.[0];
    const configuration: XmlElement = {
      name: 'AudioChannelConfiguration',
      attrs: { schemeIdUri: 'urn:mpeg:dash:23003:3:audio_channel_configuration:2011', value: channels },
    };
    const representation: XmlElement = {
      name: 'Representation',
      attrs: { id: rungIdOfUri(uri) ?? `audio-${i}`, bandwidth: audioBandwidth(r), codecs: codec },
      children: [...(channels === undefined ? [] : [configuration]), facts.template],
    };
    built.sets.push({
      name: 'AdaptationSet',
      attrs: {
        id: built.sets.length,
        contentType: 'audio',
        mimeType: 'audio/mp4',
        lang: r.language,
        segmentAlignment: true,
      },
      children: [role(r, 'main'), representation],
    });
  });
}

/**
 * The WebVTT file of a SUBTITLES rendition: the single segment its media playlist lists, or, without the
 * playlist, `subs/{lang}.vtt` beside `subs/{lang}.m3u8` (DESIGN.md token path layout).
 */
function vttUri(r: Rendition, media: ReadonlyMap<string, MediaPlaylist>): string {
  const uri = r.uri ?? '';
  const playlist = media.get(uri);
  if (playlist === undefined) return uri.replace(/\.m3u8$/, '.vtt');
  const [only, ...more] = playlist.segments;
  if (only === undefined || more.length > 0) {
    throw new MpdError(
      'unsupported_media_playlist',
      `${uri}: a sidecar WebVTT track needs exactly one segment`,
    );
  }
  return resolveAgainst(uri, only.uri);
}

/** Sidecar WebVTT text AdaptationSets (mimeType text/vtt, one BaseURL each), as dash.js reads them. */
function textSets(input: MpdInput, built: Built): void {
  referenced(input, 'SUBTITLES').forEach((r, i) => {
    const representation: XmlElement = {
      name: 'Representation',
      attrs: { id: `subs-${r.language ?? i}`, bandwidth: 256 },
      children: [{ name: 'BaseURL', text: vttUri(r, input.media) }],
    };
    built.sets.push({
      name: 'AdaptationSet',
      attrs: { id: built.sets.length, contentType: 'text', mimeType: 'text/vtt', lang: r.language },
      children: [role(r, 'subtitle'), representation],
    });
  });
}

/**
 * Builds the MPD text. URIs stay relative, resolved against the MPD's own URL (`/v/{token}/manifest.mpd`
 * beside `/v/{token}/master.m3u8`), so `h264-720/index.m3u8` gives `h264-720/seg_$Number$.m4s`. Throws
 * MpdError when a media playlist is missing or cannot be described (encrypted, byte ranges, unnumbered).
 * @example
 * const mpd = buildMpd({ master, media: new Map([['h264-720/index.m3u8', rung720], …]) });
 */
export function buildMpd(input: MpdInput): string {
  const built: Built = { sets: [], facts: [] };
  videoSets(input, built);
  audioSets(input, built);
  textSets(input, built);
  const durationS = input.durationS ?? Math.max(0, ...built.facts.map((f) => f.totalS));
  const longestS = Math.max(1, ...built.facts.map((f) => f.longestS));
  const mpd: XmlElement = {
    name: 'MPD',
    attrs: {
      xmlns: 'urn:mpeg:dash:schema:mpd:2011',
      profiles: 'urn:mpeg:dash:profile:isoff-live:2011',
      type: 'static',
      mediaPresentationDuration: isoDuration(durationS),
      maxSegmentDuration: isoDuration(longestS),
      minBufferTime: isoDuration(longestS),
    },
    children: [{ name: 'Period', attrs: { id: '0', start: 'PT0S' }, children: built.sets }],
  };
  return `<?xml version="1.0" encoding="UTF-8"?>\n${writeXml(mpd)}\n`;
}
