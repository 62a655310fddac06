import { open, stat } from 'node:fs/promises';
import { z } from 'zod';
import { TranscodeError } from './errors.ts';
import { run } from './exec.ts';

/** Demuxers a source may use (DESIGN.md "Transcode"); FFmpeg names mov/mp4 as one family. */
export const DEMUXER_ALLOWLIST = [
  'mov',
  'mp4',
  'm4a',
  '3gp',
  '3g2',
  'mj2',
  'matroska',
  'webm',
  'avi',
  'mpegts',
  'flv',
];

const Stream = z.object({
  index: z.number(),
  codec_type: z.string().optional(),
  codec_name: z.string().optional(),
  width: z.number().optional(),
  height: z.number().optional(),
  avg_frame_rate: z.string().optional(),
  r_frame_rate: z.string().optional(),
  nb_frames: z.string().optional(),
  duration: z.string().optional(),
  channels: z.number().optional(),
  disposition: z.object({ attached_pic: z.number().optional() }).partial().optional(),
  side_data_list: z.array(z.object({ rotation: z.number().optional() }).passthrough()).optional(),
});
const ProbeOutput = z.object({
  streams: z.array(Stream).default([]),
  format: z.object({ format_name: z.string(), duration: z.string().optional() }),
});
type Stream = z.infer<typeof Stream>;

/** What the ladder and the limits need, in display orientation. */
export interface SourceFacts {
  formatName: string;
  durationS: number;
  /** Display dimensions: coded dimensions swapped when the display matrix rotates by ±90°. */
  width: number;
  height: number;
  rotation: number;
  fps: number;
  frameCount: number;
  streamCount: number;
  hasAudio: boolean;
}

export interface ProbeOptions {
  /** Host of the API; an http(s) source is only read from there. */
  apiHost?: string;
  timeoutMs?: number;
}

/** `num/den` → number; 0 for `0/0` or garbage. */
export function parseRate(rate: string | undefined): number {
  const [num, den] = (rate ?? '').split('/').map(Number);
  if (num === undefined || den === undefined || !Number.isFinite(num / den) || den === 0) return 0;
  return num / den;
}

/** Only the API's host over http(s) for remote sources; local paths read with the `file` protocol only. */
export function inputFor(source: string, apiHost: string | undefined): { url: string; protocols: string } {
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(source)) return { url: `file:${source}`, protocols: 'file' };
  const url = new URL(source);
  if (
    (url.protocol !== 'http:' && url.protocol !== 'https:') ||
    apiHost === undefined ||
    url.host !== apiHost
  ) {
    throw new TranscodeError('unsupported_source', `sources are read from the API only, not ${url.origin}`);
  }
  return { url: url.href, protocols: 'http,https,tcp,tls' };
}

/** Magic numbers of the allowed families: MP4/MOV `ftyp`/`moov`/`mdat`, EBML, RIFF AVI, FLV, MPEG-TS sync. */
function looksAllowed(head: Buffer): boolean {
  const box = head.toString('latin1', 4, 8);
  if (['ftyp', 'moov', 'mdat', 'free', 'wide'].includes(box)) return true;
  if (head.readUInt32BE(0) === 0x1a45dfa3) return true;
  const text = head.toString('latin1', 0, 4);
  return text === 'RIFF' || text.startsWith('FLV') || (head[0] === 0x47 && head[188] === 0x47);
}

/**
 * Refuses text playlists (HLS, ffconcat) before FFmpeg sees them, so their URIs are never opened; the
 * demuxer allowlist is the second guard. Answers whether the head looks like an allowed container.
 */
async function sniffLocal(path: string): Promise<boolean> {
  const info = await stat(path).catch(() => undefined);
  if (info === undefined) throw new TranscodeError('corrupt_source', 'the source file does not exist');
  if (info.size === 0) throw new TranscodeError('empty_source', 'the source file is empty');
  const handle = await open(path, 'r');
  const head = Buffer.alloc(256);
  await handle.read(head, 0, 256, 0).finally(() => handle.close());
  const text = head.toString('latin1').replace(/^\uFEFF|^\s+/, '');
  if (/^(#EXTM3U|ffconcat|#EXT-X)/i.test(text)) {
    throw new TranscodeError(
      'unsupported_container',
      'playlists are not accepted: upload the media file itself',
    );
  }
  return looksAllowed(head);
}

function ffprobeArgs(url: string, protocols: string): string[] {
  return [
    ...['-v', 'error', '-protocol_whitelist', protocols],
    ...['-format_whitelist', DEMUXER_ALLOWLIST.join(',')],
    ...['-show_format', '-show_streams', '-of', 'json', url],
  ];
}

/**
 * Probes a source with a protocol whitelist and the demuxer allowlist; anything else fails with
 * `unsupported_container` and nothing outside the whitelist is ever opened.
 */
export async function probeSource(source: string, options: ProbeOptions = {}): Promise<SourceFacts> {
  const { url, protocols } = inputFor(source, options.apiHost);
  const familiar = protocols === 'file' ? await sniffLocal(source) : true;
  const result = await run('ffprobe', ffprobeArgs(url, protocols), {
    timeoutMs: options.timeoutMs ?? 60_000,
  });
  if (result.timedOut) throw new TranscodeError('corrupt_source', 'probing the source timed out');
  if (result.code !== 0) throw classifyProbeError(result.stderr, familiar);
  const parsed = ProbeOutput.safeParse(JSON.parse(result.stdout || '{}'));
  if (!parsed.success) throw new TranscodeError('corrupt_source', 'ffprobe gave no container information');
  return factsFrom(parsed.data);
}

/** A file that starts like an allowed container but will not open is corrupt (e.g. truncated, no moov). */
function classifyProbeError(stderr: string, familiar: boolean): TranscodeError {
  const last = stderr.trim().split('\n').pop() ?? '';
  if (!familiar && /Invalid data found|not in format whitelist|Unknown input format/i.test(stderr)) {
    return new TranscodeError('unsupported_container', `not a supported video container (${last})`);
  }
  return new TranscodeError('corrupt_source', `the source cannot be read (${last})`);
}

function displayRotation(stream: Stream): number {
  const rotation = stream.side_data_list?.find((s) => typeof s.rotation === 'number')?.rotation ?? 0;
  return ((Math.round(rotation) % 360) + 360) % 360;
}

function factsFrom(data: z.infer<typeof ProbeOutput>): SourceFacts {
  const families = data.format.format_name.split(',');
  if (!families.some((f) => DEMUXER_ALLOWLIST.includes(f))) {
    throw new TranscodeError('unsupported_container', `container ${data.format.format_name} is not accepted`);
  }
  const video = data.streams.find((s) => s.codec_type === 'video' && s.disposition?.attached_pic !== 1);
  if (video?.width === undefined || video.height === undefined) {
    throw new TranscodeError('no_video_stream', 'the source has no video stream');
  }
  const rotation = displayRotation(video);
  const quarter = rotation === 90 || rotation === 270;
  const fps = parseRate(video.avg_frame_rate) || parseRate(video.r_frame_rate);
  const durationS = Number(data.format.duration ?? video.duration ?? 0);
  if (!(durationS > 0) || !(fps > 0))
    throw new TranscodeError('corrupt_source', 'the source has no duration');
  return {
    formatName: data.format.format_name,
    durationS,
    width: quarter ? video.height : video.width,
    height: quarter ? video.width : video.height,
    rotation,
    fps,
    frameCount: Number(video.nb_frames ?? 0) || Math.ceil(durationS * fps),
    streamCount: data.streams.length,
    hasAudio: data.streams.some((s) => s.codec_type === 'audio'),
  };
}
