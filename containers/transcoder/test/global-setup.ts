import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
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
  PROTECTED_KEYS,
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

/**
 * Ladders at 360p and below with 2 s segments, plus the landscape clip protected; wall times kept to report the
 * realtime factor.
 */
async function buildLadders(cache: string): Promise<void> {
  const wallMs: Record<string, number> = {};
  const build = async (name: string, clip: string, protection?: typeof PROTECTED_KEYS) => {
    const started = Date.now();
    await transcode(clipPath(cache, clip), ladderPath(cache, name), {
      ladder: { segmentS: SEGMENT_S, codecs: ['h264'], shortSides: SHORT_SIDES },
      threads: 2,
      subtitles: clip === 'landscape' ? [{ language: 'en', name: 'English', text: SUBTITLES_SRT }] : [],
      protection,
    });
    wallMs[name] = Date.now() - started;
  };
  for (const name of LADDERS) await build(name, name);
  await build('protected', 'landscape', PROTECTED_KEYS);
  writeFileSync(path.join(cache, 'ladders', 'wall-ms.json'), JSON.stringify(wallMs));
}

/**
 * Builds fixture clips and their ladders ONCE per run, cached by source + FFmpeg version. Every run of the
 * node project (any package's tests) comes here, so two runs may build at once: each builds in its own folder
 * and renames it into place; the loser drops its copy.
 */
export default async function setup(project: TestProject): Promise<void> {
  const cache = cacheDir(path.resolve(import.meta.dirname, '../../..'));
  if (!isBuilt(cache)) {
    const building = `${cache}.building-${process.pid}`;
    rmSync(building, { recursive: true, force: true });
    const started = Date.now();
    buildClips(building);
    await buildLadders(building);
    writeFileSync(path.join(building, 'done'), `${Date.now() - started}\n`);
    if (!isBuilt(cache)) rmSync(cache, { recursive: true, force: true });
    try {
      renameSync(building, cache);
    } catch {
      // Another run finished first (the target exists and is not empty): use its copy.
      rmSync(building, { recursive: true, force: true });
    }
  }
  project.provide('transcoderCache', cache);
}
