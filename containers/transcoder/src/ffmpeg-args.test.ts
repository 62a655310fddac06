import { describe, expect, it } from 'vitest';
import {
  buildFfmpegArgs,
  type EncodePlan,
  filterGraph,
  progressFromLine,
  varStreamMap,
} from './ffmpeg-args.ts';
import { planLadder } from './ladder.ts';
import { spriteConfig } from './thumbs.ts';

const plan = (h264: EncodePlan['h264'] = 'libx264'): EncodePlan => ({
  input: { url: 'file:/in.mp4', protocols: 'file' },
  outDir: '/out',
  rungs: planLadder(
    { width: 640, height: 360, fps: 30 },
    { segmentS: 2, codecs: ['h264'], shortSides: [360, 240] },
  ),
  audio: { id: 'aac-128', bitrate: 128_000 },
  segmentS: 2,
  h264,
  threads: 2,
  sprites: spriteConfig(640, 360),
});

const valueAfter = (args: string[], flag: string) => args[args.indexOf(flag) + 1];

describe('buildFfmpegArgs', () => {
  it('decodes once and splits to every rung and the sprite tiler', () => {
    const graph = filterGraph(plan());
    expect(graph.match(/\[0:v:0\]/g)).toHaveLength(1);
    expect(graph).toContain('split=3[s0][s1][st]');
    expect(graph).toContain('scale=640:360');
    expect(graph).toContain('tile=10x10');
    expect(graph).toContain('loudnorm=I=-16:TP=-1.5:LRA=11,aresample=48000');
  });

  it('is one invocation: one input, no network protocols, keyframes on segment boundaries', () => {
    const args = buildFfmpegArgs(plan());
    expect(args.filter((a) => a === '-i')).toHaveLength(1);
    expect(valueAfter(args, '-protocol_whitelist')).toBe('file');
    expect(args).toContain('-nostdin');
    expect(valueAfter(args, '-force_key_frames:v')).toBe('expr:gte(t,n_forced*2)');
    expect(valueAfter(args, '-sc_threshold:v:0')).toBe('0');
    expect(valueAfter(args, '-g:v:1')).toBe('60');
    expect(valueAfter(args, '-hls_segment_type')).toBe('fmp4');
    expect(valueAfter(args, '-progress')).toBe('pipe:1');
  });

  it('groups audio apart from video in var_stream_map', () => {
    expect(varStreamMap(plan())).toBe(
      'v:0,agroup:aud,name:h264-360 v:1,agroup:aud,name:h264-240 a:0,agroup:aud,name:aac-128',
    );
    expect(varStreamMap({ ...plan(), audio: undefined })).toBe('v:0,name:h264-360 v:1,name:h264-240');
  });

  it('uses NVENC with forced IDR when chosen', () => {
    const args = buildFfmpegArgs(plan('h264_nvenc'));
    expect(valueAfter(args, '-c:v:0')).toBe('h264_nvenc');
    expect(valueAfter(args, '-forced-idr:v:0')).toBe('1');
    expect(args).not.toContain('libx264');
  });
});

describe('progressFromLine', () => {
  it('turns out_time_us into 0–100, end into 100', () => {
    expect(progressFromLine('out_time_us=3000000', 6)).toBe(50);
    expect(progressFromLine('out_time_us=9000000', 6)).toBe(99);
    expect(progressFromLine('progress=end', 6)).toBe(100);
    expect(progressFromLine('frame=12', 6)).toBeUndefined();
  });
});
