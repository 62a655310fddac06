/**
 * From an HLS media playlist to a DASH SegmentTemplate with a SegmentTimeline (ISO/IEC 23009-1 §5.3.9.4,
 * §5.3.9.6) over the same CMAF files: the init segment from EXT-X-MAP, `$Number$` from the numbered segment
 * file names, durations from EXTINF.
 */
import { formatDecimal } from './attributes.ts';
import { isClear } from './key.ts';
import type { MediaPlaylist, MediaSegment } from './types.ts';
import type { XmlElement } from './xml.ts';

export type MpdErrorCode = 'missing_media_playlist' | 'unsupported_media_playlist';

/** A media playlist that a static MPD cannot describe, or that the caller did not pass. */
export class MpdError extends Error {
  // A declared field, not a parameter property: Node's type stripping (the transcoder) refuses those.
  readonly code: MpdErrorCode;
  constructor(code: MpdErrorCode, message: string) {
    super(message);
    this.name = 'MpdError';
    this.code = code;
  }
}

const unsupported = (uri: string, why: string) =>
  new MpdError('unsupported_media_playlist', `${uri}: ${why}`);

/**
 * Resolves a URI from a media playlist against that playlist's URI (RFC 8216bis §4.1: relative to the
 * playlist), giving a URI relative to the master, which sits beside the MPD. Absolute and `..` references
 * are refused: the token path layout keeps every media URI under `/v/{token}/` (DESIGN.md).
 * @example resolveAgainst('h264-720/index.m3u8', 'seg_0.m4s') // 'h264-720/seg_0.m4s'
 */
export function resolveAgainst(playlistUri: string, ref: string): string {
  if (/^[a-z][a-z0-9+.-]*:/i.test(ref) || ref.startsWith('/') || ref.split(/[/?#]/).includes('..')) {
    throw unsupported(playlistUri, `${ref} is not a relative URI below the playlist`);
  }
  const path = playlistUri.split(/[?#]/)[0] ?? '';
  return `${path.slice(0, path.lastIndexOf('/') + 1)}${ref}`;
}

/** `$` is the template delimiter; a literal one is written `$$` (§5.3.9.4.4, Table 16). */
const escapeTemplate = (text: string) => text.replaceAll('$', '$$$$');

interface Numbering {
  media: string;
  startNumber: number;
}

interface NumberRun {
  prefix: string;
  digits: string;
  suffix: string;
}

/**
 * Digit runs of a URI that could be the segment number, most likely first: those in the file name's stem,
 * last first, then any others (the `4` of `.m4s` is a digit run too).
 */
function numberRuns(uri: string): NumberRun[] {
  const stemEnd = uri.lastIndexOf('.') > uri.lastIndexOf('/') ? uri.lastIndexOf('.') : uri.length;
  const runs = [...uri.matchAll(/\d+/g)].map((m) => ({
    prefix: uri.slice(0, m.index),
    digits: m[0],
    suffix: uri.slice(m.index + m[0].length),
  }));
  const inStem = runs.filter((r) => r.prefix.length < stemEnd).reverse();
  return [...inStem, ...runs.filter((r) => r.prefix.length >= stemEnd)];
}

/** The URI the run's pattern gives for segment number n, zero-padded as the run is. */
function nameFor(run: NumberRun): (n: number) => string {
  const width = run.digits.length > 1 && run.digits.startsWith('0') ? run.digits.length : 0;
  return (n: number) => `${run.prefix}${String(n).padStart(width, '0')}${run.suffix}`;
}

/**
 * The `$Number$` pattern behind the segment file names, checked against EVERY segment (consecutive numbers,
 * same padding), so the template names exactly the files the playlist lists. FFmpeg numbers from 0
 * (`seg_0.m4s`), hence startNumber="0" (TOOLCHAIN.md).
 */
function numbering(uris: readonly string[], playlistUri: string): Numbering {
  for (const run of numberRuns(uris[0] ?? '')) {
    const startNumber = Number(run.digits);
    const name = nameFor(run);
    if (!uris.every((uri, i) => uri === name(startNumber + i))) continue;
    const width = name(0).length - run.prefix.length - run.suffix.length;
    const number = width > 1 ? `$Number%0${width}d$` : '$Number$';
    return { media: `${escapeTemplate(run.prefix)}${number}${escapeTemplate(run.suffix)}`, startNumber };
  }
  throw unsupported(playlistUri, `segment names are not consecutively numbered from ${uris[0]}`);
}

/** EXTINF is written to microseconds at most, so a timescale fits when each duration is within that rounding. */
const TIMESCALES = [1000, 90000, 48000, 44100, 1_000_000];
const EXTINF_ROUNDING_S = 5e-7;

/** The smallest usual timescale in which every duration is a whole number of ticks (up to EXTINF's rounding). */
export function timescaleFor(durations: readonly number[]): number {
  const fits = (ts: number) =>
    durations.every((d) => Math.abs(d * ts - Math.round(d * ts)) <= EXTINF_ROUNDING_S * ts + 1e-9);
  return TIMESCALES.find(fits) ?? 1_000_000;
}

/**
 * S elements (§5.3.9.6): segment starts are rounded from the running sum, so rounding never accumulates and
 * the timeline's end stays within half a tick of the playlist's total; equal durations collapse into `r`.
 */
export function timelineOf(durations: readonly number[], timescale: number): XmlElement[] {
  const starts = [0];
  let sum = 0;
  for (const d of durations) {
    sum += d;
    starts.push(Math.round(sum * timescale));
  }
  const runs: { d: number; r: number }[] = [];
  for (let i = 0; i < durations.length; i++) {
    const d = (starts[i + 1] ?? 0) - (starts[i] ?? 0);
    const last = runs[runs.length - 1];
    if (last !== undefined && last.d === d) last.r += 1;
    else runs.push({ d, r: 0 });
  }
  return runs.map((run, i) => ({
    name: 'S',
    attrs: { t: i === 0 ? 0 : undefined, d: run.d, r: run.r || undefined },
  }));
}

/** A static MPD can describe one clear init section and unbroken, whole-file segments only. */
function checkDescribable(segments: readonly MediaSegment[], playlistUri: string): string {
  const first = segments[0];
  if (first === undefined) throw unsupported(playlistUri, 'no segments');
  const init = first.map;
  if (init === undefined || init.byteRange !== undefined)
    throw unsupported(playlistUri, 'needs one whole-file EXT-X-MAP');
  for (const s of segments) {
    if (s.map?.uri !== init.uri || s.map.byteRange !== undefined)
      throw unsupported(playlistUri, 'init section changes');
    if (s.byteRange !== undefined) throw unsupported(playlistUri, 'byte-range segments');
    if (s.discontinuity && s !== first) throw unsupported(playlistUri, 'a discontinuity needs a new Period');
    if (!isClear(s.key) || !isClear(s.map.key))
      throw unsupported(playlistUri, 'encrypted (DASH is served for clear titles)');
  }
  return init.uri;
}

/** What a Representation needs from its media playlist. */
export interface SegmentFacts {
  template: XmlElement;
  /** Sum of EXTINF durations, seconds. */
  totalS: number;
  longestS: number;
}

/**
 * The SegmentTemplate for one media playlist found at `playlistUri` (relative to the master and the MPD).
 * @example segmentTemplate('h264-720/index.m3u8', playlist).template.attrs?.media // 'h264-720/seg_$Number$.m4s'
 */
export function segmentTemplate(playlistUri: string, playlist: MediaPlaylist): SegmentFacts {
  const init = checkDescribable(playlist.segments, playlistUri);
  const uris = playlist.segments.map((s) => s.uri);
  const { media, startNumber } = numbering(uris, playlistUri);
  // Every URI is the first one with another number, so checking the first one checks them all.
  resolveAgainst(playlistUri, uris[0] ?? '');
  const folder = escapeTemplate(resolveAgainst(playlistUri, ''));
  const durations = playlist.segments.map((s) => s.duration);
  const timescale = timescaleFor(durations);
  const template: XmlElement = {
    name: 'SegmentTemplate',
    attrs: {
      timescale,
      initialization: escapeTemplate(resolveAgainst(playlistUri, init)),
      media: `${folder}${media}`,
      startNumber,
    },
    children: [{ name: 'SegmentTimeline', children: timelineOf(durations, timescale) }],
  };
  const totalS = durations.reduce((a, b) => a + b, 0);
  return { template, totalS, longestS: Math.max(...durations) };
}

/** An xs:duration in seconds (`PT13.035S`), to the millisecond. */
export const isoDuration = (seconds: number) => `PT${formatDecimal(seconds, 3)}S`;
