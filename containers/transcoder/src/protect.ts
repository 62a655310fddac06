/**
 * AES-128 protection as a packaging step after FFmpeg (DESIGN.md "Protection"; FFmpeg 5.1's HLS muxer refuses
 * to encrypt fMP4). Every media segment is encrypted WHOLE with AES-128-CBC and PKCS#7 padding, keyed by its
 * rung's tier, and its playlist gains an EXT-X-KEY after EXT-X-MAP so the init segment stays clear
 * (RFC 8216bis §4.4.4.4, §5.2). Keys arrive in memory from the lease and are never written to the attempt.
 */
import { createCipheriv, createDecipheriv } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { SOFTWARE_MAX_SHORT_SIDE } from '@reel/contracts';
import { type MediaPlaylist, parsePlaylist, type SegmentKey, serializeMedia } from '@reel/hls';
import { TranscodeError } from './errors.ts';

/** SD covers rungs up to the software cap and the audio; HD the rungs above it. */
export type KeyTier = 'sd' | 'hd';

/** The attempt's two 16-byte AES-128 content keys (RFC 8216bis §5.2). */
export interface ContentKeys {
  sd: Uint8Array;
  hd: Uint8Array;
}

/** What to protect in an attempt folder: the video rungs with their short side, and the audio rung. */
export interface ProtectTarget {
  video: { id: string; shortSide: number }[];
  audio?: string;
}

/** Totals for logs and benchmarks. */
export interface ProtectStats {
  segments: number;
  /** Ciphertext bytes written (clear size rounded up to the next multiple of 16, PKCS#7). */
  bytes: number;
}

const KEY_BYTES = 16;

/**
 * The key tier of a video rung: the software cap by short side is the tier boundary (DESIGN.md
 * "Protection"), so a software-only player can never obtain the key of a rung it may not play.
 *
 * @example tierFor(720) // 'sd'; tierFor(1080) // 'hd'
 */
export function tierFor(shortSide: number): KeyTier {
  return shortSide <= SOFTWARE_MAX_SHORT_SIDE ? 'sd' : 'hd';
}

/**
 * The key URI stored in `{rungId}/index.m3u8`: relative, so it names `/v/{token}/keys/{tier}.key` beside
 * the rung folders (DESIGN.md token path layout); the media worker rewrites it per request.
 */
export const keyUri = (tier: KeyTier): string => `../keys/${tier}.key`;

/**
 * The IV of a segment whose EXT-X-KEY has no IV attribute: its Media Sequence Number as a 128-bit big-endian
 * integer, zero-padded on the left (RFC 8216bis §5.2). The number is EXT-X-MEDIA-SEQUENCE plus the segment's
 * index in the playlist (§6.3.2), never its file name.
 */
export function segmentIv(mediaSequence: number): Uint8Array<ArrayBuffer> {
  if (!Number.isSafeInteger(mediaSequence) || mediaSequence < 0) {
    throw new RangeError(`a media sequence number must be a non-negative integer, got ${mediaSequence}`);
  }
  const iv = new Uint8Array(16);
  new DataView(iv.buffer).setBigUint64(8, BigInt(mediaSequence));
  return iv;
}

function checkKey(key: Uint8Array): void {
  if (key.length !== KEY_BYTES)
    throw new RangeError(`an AES-128 key is ${KEY_BYTES} bytes, got ${key.length}`);
}

/** AES-128-CBC with PKCS#7 padding over a whole segment (RFC 8216bis §5.2, METHOD=AES-128). */
export function encryptSegment(clear: Uint8Array, key: Uint8Array, iv: Uint8Array): Uint8Array {
  checkKey(key);
  const cipher = createCipheriv('aes-128-cbc', key, iv);
  return Buffer.concat([cipher.update(clear), cipher.final()]);
}

/** The inverse of `encryptSegment`; throws when the padding is wrong (e.g. the wrong key). */
export function decryptSegment(encrypted: Uint8Array, key: Uint8Array, iv: Uint8Array): Uint8Array {
  checkKey(key);
  const decipher = createDecipheriv('aes-128-cbc', key, iv);
  return Buffer.concat([decipher.update(encrypted), decipher.final()]);
}

/**
 * The rung's playlist with `METHOD=AES-128,URI=…` (no IV attribute: §5.2's sequence-number IV) on every media
 * segment and none on its EXT-X-MAP. A key tag applies to every segment AND every EXT-X-MAP after it up to the
 * next key tag (RFC 8216bis §4.4.4.4, §4.4.4.5), so `serializeMedia` writes it AFTER the map line: the init
 * segment stays clear while every media segment is covered. A keyed playlist, or a segment without an init
 * section (not CMAF), is refused.
 */
export function keyPlaylist(media: MediaPlaylist, uri: string): MediaPlaylist {
  if (media.segments.some((s) => s.key !== undefined && s.key.method !== 'NONE')) {
    throw packagingError('the playlist is already keyed');
  }
  if (media.segments.some((s) => s.map === undefined)) throw packagingError('a segment has no EXT-X-MAP');
  const key: SegmentKey = { method: 'AES-128', uri };
  return { ...media, segments: media.segments.map((s) => ({ ...s, key })) };
}

function packagingError(message: string): TranscodeError {
  return new TranscodeError('packaging_failed', message);
}

function parseMedia(text: string, file: string): MediaPlaylist {
  const parsed = parsePlaylist(text);
  if (!parsed.ok || parsed.playlist.kind !== 'media') throw packagingError(`unreadable playlist ${file}`);
  return parsed.playlist;
}

/**
 * Encrypts every segment listed in `{dir}/index.m3u8` in place and keys the playlist. The playlist is checked
 * (and a keyed one refused) before any segment changes, so a folder is never encrypted twice.
 */
export async function protectRendition(dir: string, key: Uint8Array, uri: string): Promise<ProtectStats> {
  checkKey(key);
  const file = path.join(dir, 'index.m3u8');
  const media = parseMedia(await readFile(file, 'utf8'), file);
  const keyed = serializeMedia(keyPlaylist(media, uri));
  let bytes = 0;
  for (const [index, segment] of media.segments.entries()) {
    if (segment.byteRange !== undefined)
      throw packagingError(`${file}: byte-range segments are not supported`);
    const target = path.join(dir, segment.uri);
    const encrypted = encryptSegment(await readFile(target), key, segmentIv(media.mediaSequence + index));
    await writeFile(target, encrypted);
    bytes += encrypted.length;
  }
  await writeFile(file, keyed);
  return { segments: media.segments.length, bytes };
}

/**
 * Protects an attempt folder: video rungs up to the software cap and the audio with the SD key, rungs above it
 * with the HD key. Init segments, subtitles, thumbnails and the master stay clear; no key touches the disk.
 */
export async function protectLadder(
  outDir: string,
  target: ProtectTarget,
  keys: ContentKeys,
): Promise<ProtectStats> {
  const jobs = target.video.map((v) => ({ id: v.id, tier: tierFor(v.shortSide) }));
  if (target.audio !== undefined) jobs.push({ id: target.audio, tier: 'sd' });
  const done = await Promise.all(
    jobs.map((j) => protectRendition(path.join(outDir, j.id), keys[j.tier], keyUri(j.tier))),
  );
  return done.reduce((sum, s) => ({ segments: sum.segments + s.segments, bytes: sum.bytes + s.bytes }), {
    segments: 0,
    bytes: 0,
  });
}

function decodeKey(text: string, tier: KeyTier): Uint8Array {
  const bytes = Buffer.from(text, 'base64url');
  // Buffer skips characters outside the alphabet: re-encoding proves the text was exactly these bytes.
  if (bytes.length !== KEY_BYTES || bytes.toString('base64url') !== text) {
    throw packagingError(`the lease's ${tier} content key is not ${KEY_BYTES} bytes of base64url`);
  }
  return new Uint8Array(bytes);
}

/** The lease's `protection` (base64url, packages/contracts `ContentKey`) as key bytes; null for clear titles. */
export function decodeContentKeys(protection: { sd: string; hd: string } | null): ContentKeys | null {
  if (protection === null) return null;
  return { sd: decodeKey(protection.sd, 'sd'), hd: decodeKey(protection.hd, 'hd') };
}
