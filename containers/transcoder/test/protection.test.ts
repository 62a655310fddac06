import { spawnSync } from 'node:child_process';
import { createDecipheriv, createHash } from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import type { ContentKeys } from '../src/protect.ts';
import { ladderPath, PROTECTED_KEYS } from './fixtures.ts';
import { measuredBitrates, readMaster, readMedia } from './inspect.ts';

const cache = inject('transcoderCache');
/** The landscape clip transcoded twice: clear, and protected with `PROTECTED_KEYS` (global-setup.ts). */
const protectedDir = ladderPath(cache, 'protected');
const clearDir = ladderPath(cache, 'landscape');
/** All at or below the software cap (720), so all SD, audio included. */
const RUNGS = ['h264-360', 'h264-240', 'aac-128'];
const WRONG_KEYS: ContentKeys = { sd: PROTECTED_KEYS.hd, hd: PROTECTED_KEYS.sd };

/** ISO BMFF box types a clear CMAF segment or init segment may start with. */
const BOX_TYPES = new Set(['ftyp', 'styp', 'sidx', 'moof', 'emsg', 'prft', 'free', 'moov', 'mdat']);
const boxType = (bytes: Uint8Array) => Buffer.from(bytes.subarray(4, 8)).toString('latin1');

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name));
}

/** A copy of the ladder with key files where the media worker serves them: `keys/{tier}.key` beside the rungs. */
function served(keys: ContentKeys): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'reel-protected-'));
  cpSync(protectedDir, dir, { recursive: true });
  mkdirSync(path.join(dir, 'keys'));
  writeFileSync(path.join(dir, 'keys', 'sd.key'), keys.sd);
  writeFileSync(path.join(dir, 'keys', 'hd.key'), keys.hd);
  return dir;
}

/**
 * Packets FFmpeg's HLS demuxer reads through a playlist (decrypting as it goes): count and total duration.
 * `.key` is not a media extension, hence `-allowed_extensions ALL`; FFmpeg exits 0 even when it cannot open
 * a key, so only the packets tell.
 */
function packets(playlist: string): { count: number; seconds: number } {
  const args = ['-v', 'error', '-allowed_extensions', 'ALL', '-show_entries', 'packet=duration_time'];
  const probe = spawnSync('ffprobe', [...args, '-of', 'json', playlist], { encoding: 'utf8' });
  const parsed = JSON.parse(probe.stdout || '{}') as { packets?: { duration_time?: string }[] };
  const list = parsed.packets ?? [];
  return { count: list.length, seconds: list.reduce((sum, p) => sum + Number(p.duration_time ?? 0), 0) };
}

/** Decodes every stream the master offers; `-xerror` turns a decode error into a failing exit code. */
function decodeMaster(dir: string) {
  const args = ['-nostdin', '-v', 'error', '-xerror', '-allowed_extensions', 'ALL'];
  return spawnSync('ffmpeg', [...args, '-i', path.join(dir, 'master.m3u8'), '-map', '0', '-f', 'null', '-'], {
    encoding: 'utf8',
  });
}

describe('a protected ladder (AES-128, RFC 8216bis §5.2)', () => {
  it('keys every rung playlist after its EXT-X-MAP with the SD key URI', () => {
    for (const rung of RUNGS) {
      const lines = readFileSync(path.join(protectedDir, rung, 'index.m3u8'), 'utf8').split('\n');
      const map = lines.indexOf('#EXT-X-MAP:URI="init.mp4"');
      expect(map, rung).toBeGreaterThan(0);
      expect(lines[map + 1], rung).toBe('#EXT-X-KEY:METHOD=AES-128,URI="../keys/sd.key"');
      expect(
        lines.filter((l) => l.startsWith('#EXT-X-KEY')),
        rung,
      ).toHaveLength(1);
    }
  });

  it('encrypts every media segment whole and leaves init segments clear', () => {
    for (const rung of RUNGS) {
      const dir = path.join(protectedDir, rung);
      expect(boxType(readFileSync(path.join(dir, 'init.mp4'))), rung).toBe('ftyp');
      const media = readMedia(path.join(dir, 'index.m3u8'));
      expect(media.segments.length).toBeGreaterThan(1);
      for (const [i, s] of media.segments.entries()) {
        const bytes = readFileSync(path.join(dir, s.uri));
        expect(bytes.length % 16, s.uri).toBe(0);
        expect(BOX_TYPES.has(boxType(bytes)), `${rung}/${s.uri} starts like a box`).toBe(false);
        // The IV computed here, not by the code under test: the media sequence number (RFC 8216bis §5.2).
        const iv = Buffer.alloc(16);
        iv.writeUInt32BE(media.mediaSequence + i, 12);
        const decipher = createDecipheriv('aes-128-cbc', PROTECTED_KEYS.sd, iv);
        const clear = Buffer.concat([decipher.update(bytes), decipher.final()]);
        // A wrong IV garbles only the first block, here the styp brand and version, which FFmpeg ignores:
        // compare those 16 bytes with the clear ladder's segment (the same header, whatever x264 did).
        const header = readFileSync(path.join(clearDir, rung, s.uri)).subarray(0, 16);
        expect(clear.subarray(0, 16).toString('hex'), `${rung}/${s.uri}`).toBe(header.toString('hex'));
      }
    }
  });

  it('keeps master, subtitles, thumbnails and poster clear and never writes a key', () => {
    expect(readFileSync(path.join(protectedDir, 'master.m3u8'), 'utf8')).toMatch(/^#EXTM3U\n/);
    expect(readFileSync(path.join(protectedDir, 'subs/en.vtt'), 'utf8')).toMatch(/^WEBVTT/);
    expect(readFileSync(path.join(protectedDir, 'thumbs/sprites.vtt'), 'utf8')).toMatch(/^WEBVTT/);
    expect(readFileSync(path.join(protectedDir, 'poster.jpg')).subarray(0, 2)).toEqual(
      Buffer.from([0xff, 0xd8]),
    );
    expect(existsSync(path.join(protectedDir, 'keys'))).toBe(false);
    const files = filesUnder(protectedDir);
    expect(files.length).toBeGreaterThan(15);
    for (const file of files) {
      const bytes = readFileSync(file);
      expect(bytes.indexOf(PROTECTED_KEYS.sd), file).toBe(-1);
      expect(bytes.indexOf(PROTECTED_KEYS.hd), file).toBe(-1);
    }
  });

  it.each(RUNGS)(
    '%s: FFmpeg decrypts the stored playlist with the key, every packet of the clear ladder',
    (rung) => {
      const dir = served(PROTECTED_KEYS);
      const got = packets(path.join(dir, rung, 'index.m3u8'));
      const want = packets(path.join(clearDir, rung, 'index.m3u8'));
      expect(want.count).toBeGreaterThan(100);
      expect(got.count).toBe(want.count);
      expect(got.seconds).toBeCloseTo(want.seconds, 2);
      expect(packets(path.join(served(WRONG_KEYS), rung, 'index.m3u8')).count).toBe(0);
    },
  );

  it('decodes through the master without an error, and fails with the wrong key', () => {
    const good = decodeMaster(served(PROTECTED_KEYS));
    expect(good.stderr).toBe('');
    expect(good.status).toBe(0);
    const bad = decodeMaster(served(WRONG_KEYS));
    expect(bad.status).not.toBe(0);
  });

  it('measures BANDWIDTH and hashes manifest.json over the encrypted bytes', () => {
    const master = readMaster(protectedDir);
    const audio = measuredBitrates(path.join(protectedDir, 'aac-128'));
    for (const v of master.variants) {
      const video = measuredBitrates(path.join(protectedDir, path.dirname(v.uri)));
      expect(v.bandwidth, v.uri).toBe(Math.ceil(video.peak) + Math.ceil(audio.peak));
    }
    const manifest = JSON.parse(readFileSync(path.join(protectedDir, 'manifest.json'), 'utf8')) as {
      files: { key: string; bytes: number; sha256: string }[];
    };
    const segments = manifest.files.filter((f) => f.key.endsWith('.m4s'));
    expect(segments.length).toBeGreaterThan(6);
    for (const f of segments) {
      const bytes = readFileSync(path.join(protectedDir, f.key));
      expect(f.bytes % 16, f.key).toBe(0);
      expect(f.sha256, f.key).toBe(createHash('sha256').update(bytes).digest('hex'));
    }
  });
});
