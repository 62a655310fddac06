import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { toFailure } from '../src/errors.ts';
import { checkLimits, DEFAULT_LIMITS } from '../src/limits.ts';
import { probeSource } from '../src/probe.ts';
import { transcode } from '../src/transcode.ts';
import { clipPath } from './fixtures.ts';

const cache = inject('transcoderCache');
const tmp = () => mkdtempSync(path.join(os.tmpdir(), 'reel-fail-'));
const ladder = { segmentS: 2, codecs: ['h264' as const], shortSides: [240] };

async function failureOf(source: string, outDir = tmp()) {
  try {
    await transcode(source, outDir, { ladder });
  } catch (error) {
    return { ...toFailure(error), files: readdirSync(outDir, { recursive: true }) };
  }
  throw new Error('expected a failure');
}

describe('hostile and broken sources fail with {code, message} and publish nothing', () => {
  it.each([
    ['truncated', 'corrupt_source'],
    ['notvideo', 'unsupported_container'],
    ['zero', 'empty_source'],
  ])('%s → %s', async (name, code) => {
    const failure = await failureOf(clipPath(cache, name));
    expect(failure).toMatchObject({ code, retryable: false });
    expect(failure.message.length).toBeGreaterThan(5);
    expect(failure.files).toEqual([]);
  });

  it('an uploaded playlist naming file:// and http://127.0.0.1 fails and makes no request', async () => {
    let requests = 0;
    const server = createServer((_req, res) => {
      requests++;
      res.end('#EXTM3U\n');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const dir = tmp();
    const playlists = {
      'plain.m3u8': `#EXTM3U\n#EXTINF:10,\nhttp://127.0.0.1:${port}/a.ts\n#EXTINF:10,\nfile:///etc/passwd\n`,
      // No #EXTM3U first: only the demuxer allowlist stands between this and the hls demuxer.
      'disguised.mp4': `\n\n#EXTINF:10,\nhttp://127.0.0.1:${port}/b.ts\n`,
      'concat.txt': `ffconcat version 1.0\nfile 'http://127.0.0.1:${port}/c.mp4'\n`,
    };
    try {
      for (const [name, text] of Object.entries(playlists)) {
        writeFileSync(path.join(dir, name), text);
        const failure = await failureOf(path.join(dir, name));
        expect(failure.code, name).toBe('unsupported_container');
      }
    } finally {
      server.close();
    }
    expect(requests).toBe(0);
  });

  it('refuses an http source on any host but the API, before any request', async () => {
    await expect(probeSource('http://127.0.0.1:9/x.mp4', { apiHost: 'api.reel.test' })).rejects.toMatchObject(
      {
        code: 'unsupported_source',
      },
    );
    await expect(probeSource('file:///etc/passwd')).rejects.toMatchObject({ code: 'unsupported_source' });
  });

  it('enforces duration, resolution, frame and stream limits after the probe', async () => {
    const facts = await probeSource(clipPath(cache, 'landscape'));
    const over = (limits: Partial<typeof DEFAULT_LIMITS>) => {
      try {
        checkLimits(facts, { ...DEFAULT_LIMITS, ...limits });
        return 'ok';
      } catch (error) {
        return toFailure(error).code;
      }
    };
    expect(over({})).toBe('ok');
    expect(over({ maxDurationS: 5 })).toBe('duration_too_long');
    expect(over({ maxLongSide: 320 })).toBe('resolution_too_large');
    expect(over({ maxFrames: 100 })).toBe('too_many_frames');
    expect(over({ maxStreams: 1 })).toBe('too_many_streams');
  });

  it('reads display dimensions from the rotation side data', async () => {
    const facts = await probeSource(clipPath(cache, 'rotated'));
    expect([facts.width, facts.height, Math.abs(facts.rotation - 180)]).toEqual([360, 640, 90]);
  });
});
