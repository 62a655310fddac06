import type { Rung } from './ladder.ts';
import { DEMUXER_ALLOWLIST } from './probe.ts';

/** Which H.264 encoder runs: chosen once at startup by `detectH264Encoder`. */
export type H264Encoder = 'libx264' | 'h264_nvenc';

export interface AudioRung {
  id: string;
  bitrate: number;
}

export const AUDIO_RUNG: AudioRung = { id: 'aac-128', bitrate: 128_000 };

export interface SpriteConfig {
  intervalS: number;
  tileWidth: number;
  tileHeight: number;
  columns: number;
  rows: number;
}

export interface EncodePlan {
  input: { url: string; protocols: string };
  outDir: string;
  rungs: Rung[];
  audio: AudioRung | undefined;
  segmentS: number;
  h264: H264Encoder;
  threads: number;
  sprites: SpriteConfig;
}

const rate = (r: Rung) => `${r.rate.num}/${r.rate.den}`;

/**
 * ONE decode of the first video stream, `split` to every rung's scaler and to the sprite tiler;
 * loudness-normalised (EBU R128) stereo audio resampled back to 48 kHz (single-pass loudnorm runs at 192 kHz).
 */
export function filterGraph(plan: EncodePlan): string {
  const { rungs, sprites } = plan;
  const labels = [...rungs.map((_, i) => `[s${i}]`), '[st]'].join('');
  const graph = [`[0:v:0]format=yuv420p,split=${rungs.length + 1}${labels}`];
  rungs.forEach((r, i) => {
    graph.push(`[s${i}]fps=${rate(r)},scale=${r.width}:${r.height}:flags=bicubic,setsar=1[v${i}]`);
  });
  const tile = `tile=${sprites.columns}x${sprites.rows}`;
  graph.push(
    `[st]fps=1/${sprites.intervalS},scale=${sprites.tileWidth}:${sprites.tileHeight},${tile}[thumbs]`,
  );
  if (plan.audio !== undefined) {
    graph.push('[0:a:0]loudnorm=I=-16:TP=-1.5:LRA=11,aresample=48000,aformat=channel_layouts=stereo[a0]');
  }
  return graph.join(';');
}

/** Per-rung encoder options; `:v:i` addresses the i-th video stream of the HLS output. */
export function videoCodecArgs(r: Rung, i: number, h264: H264Encoder): string[] {
  const s = `:v:${i}`;
  const rateControl = [
    `-b${s}`,
    `${r.bitrate}`,
    `-maxrate${s}`,
    `${r.maxrate}`,
    `-bufsize${s}`,
    `${r.bufsize}`,
  ];
  const gop = [`-g${s}`, `${r.gop}`, `-keyint_min${s}`, `${r.gop}`];
  const codec = codecArgs(r, s, h264);
  return [...codec, ...rateControl, ...gop];
}

function codecArgs(r: Rung, s: string, h264: H264Encoder): string[] {
  if (r.codec === 'vp9') {
    return [`-c${s}`, 'libvpx-vp9', `-deadline${s}`, 'realtime', `-cpu-used${s}`, '8', `-row-mt${s}`, '1'];
  }
  if (r.codec === 'av1') return [`-c${s}`, 'libsvtav1', `-preset${s}`, '12'];
  if (h264 === 'h264_nvenc') {
    // NVENC makes forced keyframes IDR only with -forced-idr (TOOLCHAIN.md "Traps").
    const nv = [`-preset${s}`, 'p4', `-forced-idr${s}`, '1', `-no-scenecut${s}`, '1', `-rc${s}`, 'vbr'];
    return [`-c${s}`, 'h264_nvenc', `-profile${s}`, 'high', ...nv];
  }
  return [`-c${s}`, 'libx264', `-profile${s}`, 'high', `-preset${s}`, 'veryfast', `-sc_threshold${s}`, '0'];
}

/** `v:0,agroup:aud,name:h264-360 … a:0,agroup:aud,name:aac-128`: one folder per rung. */
export function varStreamMap(plan: EncodePlan): string {
  const group = plan.audio === undefined ? '' : ',agroup:aud';
  const video = plan.rungs.map((r, i) => `v:${i}${group},name:${r.id}`);
  const audio = plan.audio === undefined ? [] : [`a:0,agroup:aud,name:${plan.audio.id}`];
  return [...video, ...audio].join(' ');
}

function hlsOutputArgs(plan: EncodePlan): string[] {
  const seg = plan.segmentS;
  const maps = plan.rungs.flatMap((_, i) => ['-map', `[v${i}]`]);
  const audio =
    plan.audio === undefined
      ? []
      : ['-map', '[a0]', '-c:a', 'aac', '-b:a', `${plan.audio.bitrate}`, '-ac', '2', '-ar', '48000'];
  return [
    ...maps,
    ...audio,
    ...plan.rungs.flatMap((r, i) => videoCodecArgs(r, i, plan.h264)),
    // Keyframes on segment boundaries by time, so rungs at different rates still switch together.
    ...['-force_key_frames:v', `expr:gte(t,n_forced*${seg})`, '-threads', `${plan.threads}`],
    ...['-map_metadata', '-1', '-map_chapters', '-1', '-max_muxing_queue_size', '4096'],
    ...['-f', 'hls', '-hls_time', `${seg}`, '-hls_playlist_type', 'vod', '-hls_segment_type', 'fmp4'],
    ...['-hls_flags', 'independent_segments', '-hls_fmp4_init_filename', 'init.mp4'],
    ...['-hls_segment_filename', `${plan.outDir}/%v/seg_%d.m4s`, '-var_stream_map', varStreamMap(plan)],
    `${plan.outDir}/%v/index.m3u8`,
  ];
}

/** The whole FFmpeg command line (without the binary): one input, one HLS output, one sprite output. */
export function buildFfmpegArgs(plan: EncodePlan): string[] {
  return [
    ...['-nostdin', '-hide_banner', '-loglevel', 'error', '-y', '-progress', 'pipe:1', '-nostats'],
    ...['-threads', `${plan.threads}`],
    ...['-protocol_whitelist', plan.input.protocols, '-format_whitelist', DEMUXER_ALLOWLIST.join(',')],
    ...['-i', plan.input.url, '-filter_complex', filterGraph(plan)],
    ...['-filter_complex_threads', `${plan.threads}`],
    ...hlsOutputArgs(plan),
    ...['-map', '[thumbs]', '-c:v', 'mjpeg', '-q:v', '5', '-fps_mode', 'vfr'],
    `${plan.outDir}/thumbs/sprite_%d.jpg`,
  ];
}

/** Parses one `-progress` line into 0–100; `undefined` for lines that say nothing about time. */
export function progressFromLine(line: string, durationS: number): number | undefined {
  if (line.trim() === 'progress=end') return 100;
  const match = /^out_time_us=(\d+)/.exec(line.trim());
  if (match === null || durationS <= 0) return undefined;
  return Math.min(99, Math.max(0, Math.floor(Number(match[1]) / 1e4 / durationS)));
}
