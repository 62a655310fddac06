import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Where `global-setup.ts` leaves clips and ladders; tests read it with `inject('transcoderCache')`. */
declare module 'vitest' {
  export interface ProvidedContext {
    transcoderCache: string;
  }
}

export const SEGMENT_S = 2;
/** Test ladders stay at 360p and below (TOOLCHAIN.md "Test budget"). */
export const SHORT_SIDES = [360, 240];

export const SUBTITLES_SRT = `1
00:00:00,500 --> 00:00:02,000
Hello, <i>world</i>

2
00:00:03,000 --> 00:00:05,250
Second cue
`;

/** Clips from FFmpeg test sources: [name, input args, output args]. */
export const CLIPS: Record<string, string[]> = {
  landscape: [...source(640, 360, 30, 6), ...tone(6), '-c:a', 'aac'],
  portrait: [...source(360, 640, 30, 4), ...tone(4), '-c:a', 'aac'],
  // Re-muxed by `global-setup.ts` with a 90° display matrix: coded 640x360, displayed 360x640.
  rotated: [...source(640, 360, 30, 4), ...tone(4), '-c:a', 'aac'],
  fps1: [...source(320, 180, 1, 6), ...tone(6), '-c:a', 'aac'],
  fps60: [...source(426, 240, 60, 4), ...tone(4), '-c:a', 'aac'],
  noaudio: [...source(480, 270, 25, 4)],
};

/** Ladders built once per run from these clips. */
export const LADDERS = ['landscape', 'portrait', 'rotated', 'fps1', 'fps60', 'noaudio'];

/** The `landscape` clip again, AES-128 protected with these fixed keys (ladder `protected`). */
export const PROTECTED_KEYS = {
  sd: Uint8Array.from({ length: 16 }, (_, i) => 0x10 + i),
  hd: Uint8Array.from({ length: 16 }, (_, i) => 0xe0 + i),
};

function source(w: number, h: number, fps: number, seconds: number): string[] {
  return ['-f', 'lavfi', '-i', `testsrc2=size=${w}x${h}:rate=${fps}:duration=${seconds}`];
}

function tone(seconds: number): string[] {
  return ['-f', 'lavfi', '-i', `sine=frequency=440:sample_rate=44100:duration=${seconds}`];
}

function sourcesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
    .sort()
    .map((f) => path.join(dir, f));
}

/** Cache key: the transcoder's source, packages/hls, this file and the FFmpeg version. */
export function cacheDir(root: string): string {
  const hash = createHash('sha256');
  const files = [
    ...sourcesUnder(path.join(root, 'containers/transcoder/src')),
    ...sourcesUnder(path.join(root, 'containers/transcoder/test')),
    ...sourcesUnder(path.join(root, 'packages/hls/src')),
  ];
  for (const file of files) hash.update(file).update(readFileSync(file));
  hash.update(execFileSync('ffmpeg', ['-version'], { encoding: 'utf8' }).split('\n')[0] ?? '');
  return path.join(os.tmpdir(), 'reel-transcoder-cache', hash.digest('hex').slice(0, 16));
}

export const clipPath = (cache: string, name: string) => path.join(cache, 'clips', `${name}.mp4`);
export const ladderPath = (cache: string, name: string) => path.join(cache, 'ladders', name);
export const isBuilt = (cache: string) => existsSync(path.join(cache, 'done'));
