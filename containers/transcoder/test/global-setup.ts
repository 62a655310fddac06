import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { transcode } from '../src/transcode.ts';
import {
  CLIPS,
  cacheDir,
  clipPath,
  isBuilt,
  LADDERS,
  ladderPath,
  SEGMENT_S,
  SHORT_SIDES,
  SUBTITLES_SRT,
} from './fixtures.ts';

function buildClips(cache: string): void {
  mkdirSync(path.join(cache, 'clips'), { recursive: true });
  for (const [name, args] of Object.entries(CLIPS)) {
    const video = ['-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p'];
    execFileSync('ffmpeg', ['-nostdin', '-v', 'error', '-y', ...args, ...video, clipPath(cache, name)]);
  }
  // ffmpeg 5.1's mov muxer turns a `rotate` tag into a display matrix, but only on stream copy.
  const unrotated = path.join(cache, 'clips', 'rotated-coded.mp4');
  execFileSync('ffmpeg', [
    '-nostdin',
    '-v',
    'error',
    '-y',
    '-i',
    clipPath(cache, 'rotated'),
    '-c',
    'copy',
    unrotated,
  ]);
  const rotate = ['-c', 'copy', '-metadata:s:v:0', 'rotate=90', clipPath(cache, 'rotated')];
  execFileSync('ffmpeg', ['-nostdin', '-v', 'error', '-y', '-i', unrotated, ...rotate]);
  // No moov atom left: the container cannot be opened.
  const bytes = readFileSync(clipPath(cache, 'landscape'));
  writeFileSync(clipPath(cache, 'truncated'), bytes.subarray(0, Math.floor(bytes.length * 0.4)));
  writeFileSync(clipPath(cache, 'notvideo'), 'This is a plain text file, not a video.\n'.repeat(40));
  writeFileSync(clipPath(cache, 'zero'), '');
}

/** Ladders at 360p and below with 2 s segments; wall times kept to report the realtime factor. */
async function buildLadders(cache: string): Promise<void> {
  const wallMs: Record<string, number> = {};
  for (const name of LADDERS) {
    const out = ladderPath(cache, name);
    const started = Date.now();
    await transcode(clipPath(cache, name), out, {
      ladder: { segmentS: SEGMENT_S, codecs: ['h264'], shortSides: SHORT_SIDES },
      threads: 2,
      subtitles: name === 'landscape' ? [{ language: 'en', name: 'English', text: SUBTITLES_SRT }] : [],
    });
    wallMs[name] = Date.now() - started;
  }
  writeFileSync(path.join(cache, 'ladders', 'wall-ms.json'), JSON.stringify(wallMs));
}

/** Builds fixture clips and their ladders ONCE per run, cached by source + FFmpeg version. */
export default async function setup(project: TestProject): Promise<void> {
  const cache = cacheDir(path.resolve(import.meta.dirname, '../../..'));
  if (!isBuilt(cache)) {
    rmSync(cache, { recursive: true, force: true });
    const started = Date.now();
    buildClips(cache);
    await buildLadders(cache);
    writeFileSync(path.join(cache, 'done'), `${Date.now() - started}\n`);
  }
  project.provide('transcoderCache', cache);
}
