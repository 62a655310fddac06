import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { avcCodecFromProbe } from '@reel/hls';
import { describe, expect, inject, it } from 'vitest';
import { parseRate } from '../src/probe.ts';
import { LADDERS, ladderPath, SEGMENT_S } from './fixtures.ts';
import {
  joinRendition,
  keyframeTimes,
  measuredBitrates,
  readMaster,
  readMedia,
  videoStream,
} from './inspect.ts';

const cache = inject('transcoderCache');
const out = (name: string) => ladderPath(cache, name);

/** [clip, expected rungs as id → WxH, FRAME-RATE]. */
const EXPECTED: [string, Record<string, string>, number][] = [
  ['landscape', { 'h264-360': '640x360', 'h264-240': '426x240' }, 30],
  ['portrait', { 'h264-360': '360x640', 'h264-240': '240x426' }, 30],
  ['rotated', { 'h264-360': '360x640', 'h264-240': '240x426' }, 30],
  ['fps1', { 'h264-180': '320x180' }, 1],
  ['fps60', { 'h264-240': '426x240' }, 30],
  ['noaudio', { 'h264-240': '426x240' }, 25],
];

describe('ladders built from the fixture clips', () => {
  it.each(EXPECTED)('%s: rung set on display dimensions, never upscaled', (name, rungs, fps) => {
    const master = readMaster(out(name));
    const got = Object.fromEntries(
      master.variants.map((v) => [v.uri.split('/')[0], `${v.resolution?.width}x${v.resolution?.height}`]),
    );
    expect(got).toEqual(rungs);
    expect(master.variants.every((v) => v.frameRate === fps)).toBe(true);
  });

  it.each(LADDERS)('%s: master attributes equal the measured facts', (name) => {
    const master = readMaster(out(name));
    const audio = master.renditions.find((r) => r.type === 'AUDIO');
    const audioRates =
      audio?.uri === undefined ? undefined : measuredBitrates(path.join(out(name), path.dirname(audio.uri)));
    for (const v of master.variants) {
      const dir = path.join(out(name), path.dirname(v.uri));
      const probe = videoStream(joinRendition(dir));
      const rates = measuredBitrates(dir);
      expect(v.codecs?.[0]).toBe(avcCodecFromProbe(probe.profile, probe.level));
      expect(probe.profile).toBe('High');
      expect(v.resolution).toEqual({ width: probe.width, height: probe.height });
      expect(v.frameRate).toBeCloseTo(parseRate(probe.avg_frame_rate), 2);
      expect(v.bandwidth).toBe(Math.ceil(rates.peak) + Math.ceil(audioRates?.peak ?? 0));
      expect(Math.abs((v.averageBandwidth ?? 0) - rates.average - (audioRates?.average ?? 0))).toBeLessThan(
        3,
      );
      expect(v.audio).toBe(audioRates === undefined ? undefined : 'audio');
      expect(v.codecs?.[1]).toBe(audioRates === undefined ? undefined : 'mp4a.40.2');
    }
  });

  it.each(LADDERS)('%s: segments within target, a keyframe at every segment start in every rung', (name) => {
    for (const v of readMaster(out(name)).variants) {
      const dir = path.join(out(name), path.dirname(v.uri));
      const media = readMedia(path.join(dir, 'index.m3u8'));
      expect(media.targetDuration).toBe(SEGMENT_S);
      expect(media.segments.every((s) => s.duration <= SEGMENT_S + 0.001)).toBe(true);
      expect(media.segments.slice(0, -1).every((s) => Math.abs(s.duration - SEGMENT_S) < 0.05)).toBe(true);
      const keys = keyframeTimes(joinRendition(dir));
      const first = keys[0] ?? Number.NaN;
      let start = 0;
      for (const s of media.segments) {
        expect(
          keys.some((k) => Math.abs(k - first - start) < 0.01),
          `${v.uri} keyframe at ${start}s`,
        ).toBe(true);
        start += s.duration;
      }
    }
  });

  it.each(LADDERS)('%s: FFmpeg reads every rung through master.m3u8', (name) => {
    const master = path.join(out(name), 'master.m3u8');
    const args = ['-v', 'error', '-allowed_extensions', 'ALL', '-protocol_whitelist', 'file', '-i', master];
    const stderr = execFileSync('ffmpeg', [...args, '-map', '0', '-c', 'copy', '-f', 'null', '-'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    expect(stderr).toBe('');
    const probe = execFileSync(
      'ffprobe',
      [
        '-v',
        'error',
        '-protocol_whitelist',
        'file',
        '-show_entries',
        'stream=codec_type',
        '-of',
        'csv=p=0',
        master,
      ],
      { encoding: 'utf8' },
    );
    const videoRungs = readMaster(out(name)).variants.length;
    expect(probe.split('\n').filter((l) => l.startsWith('video')).length).toBeGreaterThanOrEqual(videoRungs);
  });
});

describe('thumbnails, poster, subtitles and the manifest', () => {
  it('sprite cues cover the whole duration without gaps, every sheet exists', () => {
    const manifest = JSON.parse(readFileSync(path.join(out('landscape'), 'manifest.json'), 'utf8')) as {
      durationS: number;
    };
    const vtt = readFileSync(path.join(out('landscape'), 'thumbs', 'sprites.vtt'), 'utf8');
    const cues = [
      ...vtt.matchAll(
        /(\d\d):(\d\d):(\d\d\.\d{3}) --> (\d\d):(\d\d):(\d\d\.\d{3})\n(\S+)#xywh=\d+,\d+,\d+,\d+/g,
      ),
    ];
    const secs = (h?: string, m?: string, s?: string) => Number(h) * 3600 + Number(m) * 60 + Number(s);
    expect(cues.length).toBeGreaterThan(0);
    let expected = 0;
    for (const c of cues) {
      expect(secs(c[1], c[2], c[3])).toBeCloseTo(expected, 3);
      expected = secs(c[4], c[5], c[6]);
      expect(existsSync(path.join(out('landscape'), 'thumbs', c[7] ?? ''))).toBe(true);
    }
    expect(expected).toBeCloseTo(manifest.durationS, 2);
  });

  it('writes a poster JPEG at the top rung size', () => {
    const poster = videoStream(path.join(out('portrait'), 'poster.jpg'));
    expect([poster.width, poster.height]).toEqual([360, 640]);
  });

  it('lists the subtitles group in the master and writes WebVTT with X-TIMESTAMP-MAP', () => {
    const master = readMaster(out('landscape'));
    const subs = master.renditions.find((r) => r.type === 'SUBTITLES');
    expect(subs).toMatchObject({ language: 'en', uri: 'subs/en.m3u8', groupId: 'subs' });
    expect(master.variants.every((v) => v.subtitles === 'subs')).toBe(true);
    const vtt = readFileSync(path.join(out('landscape'), 'subs', 'en.vtt'), 'utf8');
    expect(vtt.startsWith('WEBVTT\nX-TIMESTAMP-MAP=MPEGTS:0,LOCAL:00:00:00.000\n')).toBe(true);
    expect(vtt).toContain('00:00:00.500 --> 00:00:02.000\nHello, <i>world</i>');
    expect(readMedia(path.join(out('landscape'), 'subs', 'en.m3u8')).segments[0]?.uri).toBe('en.vtt');
  });

  it('manifest.json lists every file with its size and sha256', () => {
    const dir = out('landscape');
    const manifest = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as {
      files: { key: string; bytes: number; sha256: string }[];
      renditions: { id: string }[];
    };
    const keys = manifest.files.map((f) => f.key);
    for (const key of [
      'master.m3u8',
      'h264-360/init.mp4',
      'h264-360/seg_0.m4s',
      'aac-128/index.m3u8',
      'poster.jpg',
      'thumbs/sprites.vtt',
      'subs/en.vtt',
    ]) {
      expect(keys).toContain(key);
    }
    for (const f of manifest.files) {
      const bytes = readFileSync(path.join(dir, f.key));
      expect(bytes.length).toBe(f.bytes);
      expect(f.sha256).toMatch(/^[0-9a-f]{64}$/);
    }
    expect(manifest.renditions.map((r) => r.id)).toEqual(['h264-360', 'h264-240', 'aac-128', 'English']);
  });
});
