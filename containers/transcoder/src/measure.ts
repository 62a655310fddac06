import { readFile, rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { type MediaPlaylist, parsePlaylist, serializeMedia } from '@reel/hls';
import { TranscodeError } from './errors.ts';

export interface SegmentFact {
  uri: string;
  durationS: number;
  bytes: number;
}

/** Measured facts of one rendition folder, bitrates in bits per second. */
export interface RenditionMeasure {
  segments: SegmentFact[];
  peakBitrate: number;
  averageBitrate: number;
  durationS: number;
  targetDuration: number;
}

async function readMedia(file: string): Promise<MediaPlaylist> {
  const parsed = parsePlaylist(await readFile(file, 'utf8'));
  if (!parsed.ok || parsed.playlist.kind !== 'media') {
    throw new TranscodeError('ffmpeg_failed', `FFmpeg wrote an unreadable playlist ${file}`);
  }
  return parsed.playlist;
}

/**
 * FFmpeg 5.1 names init segments `init_<N>.mp4` whatever `-hls_fmp4_init_filename` says (TOOLCHAIN.md):
 * rename to `init.mp4` and point EXT-X-MAP (RFC 8216bis §4.4.4.5) at it.
 */
export async function normalizeInit(dir: string): Promise<MediaPlaylist> {
  const file = path.join(dir, 'index.m3u8');
  const media = await readMedia(file);
  const current = media.segments[0]?.map?.uri;
  if (current === undefined) throw new TranscodeError('ffmpeg_failed', `no EXT-X-MAP in ${file}`);
  if (current !== 'init.mp4') {
    await rename(path.join(dir, current), path.join(dir, 'init.mp4'));
    for (const s of media.segments) s.map = { uri: 'init.mp4' };
    await writeFile(file, serializeMedia(media));
  }
  return media;
}

/**
 * A segment's bitrate is its size over its EXTINF duration. The peak ignores a final segment shorter than
 * half the target duration: it holds a few frames (or AAC priming) and its container overhead would
 * overstate BANDWIDTH (RFC 8216bis §4.4.6.2 defines it over segments a client actually streams at rate).
 */
export function bitrates(segments: SegmentFact[], targetDuration: number) {
  const total = segments.reduce((sum, s) => sum + s.durationS, 0);
  const bytes = segments.reduce((sum, s) => sum + s.bytes, 0);
  const counted = segments.filter((s, i) => i < segments.length - 1 || s.durationS >= targetDuration / 2);
  const rates = (counted.length > 0 ? counted : segments).map(
    (s) => (s.bytes * 8) / Math.max(s.durationS, 0.001),
  );
  return {
    peakBitrate: Math.ceil(Math.max(0, ...rates)),
    averageBitrate: total > 0 ? Math.ceil((bytes * 8) / total) : 0,
    durationS: total,
  };
}

/**
 * Measures a rendition folder as clients will download it (after `normalizeInit` and, for protected titles,
 * encryption): segment sizes on disk, durations from its playlist.
 */
export async function measureRendition(dir: string): Promise<RenditionMeasure> {
  const media = await readMedia(path.join(dir, 'index.m3u8'));
  const segments = await Promise.all(
    media.segments.map(async (s) => ({
      uri: s.uri,
      durationS: s.duration,
      bytes: (await stat(path.join(dir, s.uri))).size,
    })),
  );
  return { segments, targetDuration: media.targetDuration, ...bitrates(segments, media.targetDuration) };
}
