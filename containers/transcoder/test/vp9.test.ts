import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { transcode } from '../src/transcode.ts';
import { clipPath } from './fixtures.ts';
import { joinRendition, keyframeTimes, readMaster } from './inspect.ts';

describe('optional VP9 rungs', () => {
  it('encode beside H.264 with vp09 CODECS and keyframes on segment boundaries', async () => {
    const out = mkdtempSync(path.join(os.tmpdir(), 'reel-vp9-'));
    await transcode(clipPath(inject('transcoderCache'), 'noaudio'), out, {
      ladder: { segmentS: 2, codecs: ['h264', 'vp9'], shortSides: [240] },
    });
    const variants = readMaster(out).variants;
    expect(variants.map((v) => v.uri).sort()).toEqual(['h264-240/index.m3u8', 'vp9-240/index.m3u8']);
    const vp9 = variants.find((v) => v.uri.startsWith('vp9'));
    expect(vp9?.codecs?.[0]).toMatch(/^vp09\.00\.\d\d\.08$/);
    const keys = keyframeTimes(joinRendition(path.join(out, 'vp9-240')));
    const first = keys[0] ?? 0;
    expect(keys.map((k) => Math.round((k - first) * 100) / 100)).toEqual([0, 2]);
  });
});
