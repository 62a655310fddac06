/**
 * Facts about a variant that policy decisions rest on: its video codec family and its SHORT side. Rung ids
 * (`h264-720`, DESIGN.md "Public contract") name both, so the token path layout can be checked without
 * the master; RESOLUTION and CODECS (RFC 8216bis §4.4.6.2) name them inside a master.
 */
import type { VariantStream } from './types.ts';

/** The video codec families a playback policy can allow. */
export const VIDEO_CODEC_FAMILIES = ['h264', 'hevc', 'vp9', 'av1'] as const;
export type VideoCodecFamily = (typeof VIDEO_CODEC_FAMILIES)[number];

/** RFC 6381 sample entries (the part of a CODECS entry before the first dot) per family. */
const SAMPLE_ENTRIES: Record<string, VideoCodecFamily> = {
  avc1: 'h264',
  avc3: 'h264',
  hvc1: 'hevc',
  hev1: 'hevc',
  vp09: 'vp9',
  av01: 'av1',
};

const isVideoFamily = (text: string): text is VideoCodecFamily =>
  (VIDEO_CODEC_FAMILIES as readonly string[]).includes(text);

/** `{codec}-{number}`: a video rung names its short side, an audio rung its kbit/s (`aac-128`). */
const RUNG_ID = /^([a-z][a-z0-9]*)-([1-9][0-9]{0,4})$/;

/**
 * The video codec family of the first video codec in a CODECS value (a comma-separated string or its
 * entries); `undefined` when it lists no video codec we know (audio-only, or e.g. `dvh1`).
 * @example codecFamilyOf('avc1.64001F,mp4a.40.2') // 'h264'
 * @example codecFamilyOf(['mp4a.40.2']) // undefined
 */
export function codecFamilyOf(codecs: string | readonly string[]): VideoCodecFamily | undefined {
  const entries = typeof codecs === 'string' ? codecs.split(',') : codecs;
  for (const entry of entries) {
    const family = SAMPLE_ENTRIES[entry.trim().split('.')[0] ?? ''];
    if (family !== undefined) return family;
  }
  return undefined;
}

/**
 * The rung id of a rendition URI: the folder the playlist sits in, when it is shaped like one
 * (`{codec}-{number}`). Query and fragment are ignored; `subs/en.m3u8` has none.
 * @example rungIdOfUri('h264-720/index.m3u8') // 'h264-720'
 * @example rungIdOfUri('https://media.example/v/tok/aac-128/index.m3u8?x=1') // 'aac-128'
 */
export function rungIdOfUri(uri: string): string | undefined {
  const path = uri.split(/[?#]/)[0] ?? '';
  const folders = path.split('/').slice(0, -1);
  const folder = folders[folders.length - 1];
  return folder !== undefined && RUNG_ID.test(folder) ? folder : undefined;
}

/**
 * The short side a VIDEO rung id names. Video rung ids start with a family in VIDEO_CODEC_FAMILIES;
 * anything else (`aac-128`, where 128 is kbit/s) is not a video rung and has no short side.
 * @example rungShortSide('h264-720') // 720
 * @example rungShortSide('aac-128') // undefined
 */
export function rungShortSide(rungId: string): number | undefined {
  const match = RUNG_ID.exec(rungId);
  if (match?.[1] === undefined || !isVideoFamily(match[1])) return undefined;
  return Number(match[2]);
}

/** The video codec family a rung id names (`vp9-480` → `vp9`), `undefined` for audio rungs. */
export function rungCodecFamily(rungId: string): VideoCodecFamily | undefined {
  const family = RUNG_ID.exec(rungId)?.[1];
  return family !== undefined && isVideoFamily(family) ? family : undefined;
}

/**
 * A variant's short side: min(width, height) of RESOLUTION, so portrait and landscape compare alike; without
 * RESOLUTION, the short side its rung id names; `undefined` when neither says.
 * @example shortSideOf({ uri: 'h264-720/index.m3u8', bandwidth: 1, resolution: { width: 720, height: 1280 } }) // 720
 */
export function shortSideOf(variant: Pick<VariantStream, 'uri' | 'resolution'>): number | undefined {
  if (variant.resolution !== undefined) return Math.min(variant.resolution.width, variant.resolution.height);
  const rungId = rungIdOfUri(variant.uri);
  return rungId === undefined ? undefined : rungShortSide(rungId);
}

/**
 * A variant's video codec family: from CODECS; without CODECS, from its rung id.
 * @example variantCodecFamily({ uri: 'vp9-480/index.m3u8', bandwidth: 1 }) // 'vp9'
 */
export function variantCodecFamily(
  variant: Pick<VariantStream, 'uri' | 'codecs'>,
): VideoCodecFamily | undefined {
  if (variant.codecs !== undefined) return codecFamilyOf(variant.codecs);
  const rungId = rungIdOfUri(variant.uri);
  return rungId === undefined ? undefined : rungCodecFamily(rungId);
}
