import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { type AudioFacts, type SubtitleFacts, type VideoRungFacts, writeMaster } from '@reel/hls';
import { TranscodeError } from './errors.ts';
import { run } from './exec.ts';
import {
  AUDIO_RUNG,
  buildFfmpegArgs,
  type EncodePlan,
  type H264Encoder,
  progressFromLine,
} from './ffmpeg-args.ts';
import { DEFAULT_LADDER, type LadderConfig, planLadder, type Rung } from './ladder.ts';
import { checkLimits, DEFAULT_LIMITS, type SourceLimits } from './limits.ts';
import { collectFiles, type Manifest, type Rendition } from './manifest.ts';
import { measureRendition, normalizeInit } from './measure.ts';
import { videoCodecFromInit } from './mp4-codec.ts';
import { inputFor, probeSource, type SourceFacts } from './probe.ts';
import { type ContentKeys, protectLadder } from './protect.ts';
import { subtitlePlaylist, toHlsVtt } from './subtitles.ts';
import { spriteConfig, spriteVtt } from './thumbs.ts';

export interface SubtitleInput {
  language: string;
  name: string;
  /** SRT or WebVTT text. */
  text: string;
}

export interface TranscodeOptions {
  ladder?: LadderConfig;
  limits?: SourceLimits;
  h264?: H264Encoder;
  threads?: number;
  apiHost?: string;
  subtitles?: SubtitleInput[];
  /** Wall-clock limit for FFmpeg; default 60 s + 10 × the source duration. */
  timeoutMs?: number;
  onProgress?: (percent: number) => void;
  /**
   * The attempt's AES-128 content keys for a protected title (from the lease): media segments are encrypted
   * after FFmpeg, before measuring and hashing. Kept in memory only; never logged or written.
   */
  protection?: ContentKeys;
}

/**
 * Transcodes one source into an attempt folder: probe → limits → ONE FFmpeg run (all rungs, audio,
 * sprites) → [encrypt] → measure → master.m3u8 → poster, subtitles → manifest.json. Failures throw
 * `TranscodeError`.
 */
export async function transcode(
  source: string,
  outDir: string,
  options: TranscodeOptions = {},
): Promise<Manifest> {
  const facts = await probeSource(source, { apiHost: options.apiHost });
  checkLimits(facts, options.limits ?? DEFAULT_LIMITS);
  const ladder = options.ladder ?? DEFAULT_LADDER;
  const plan: EncodePlan = {
    input: inputFor(source, options.apiHost),
    outDir,
    rungs: planLadder(facts, ladder),
    audio: facts.hasAudio ? AUDIO_RUNG : undefined,
    segmentS: ladder.segmentS,
    h264: options.h264 ?? 'libx264',
    threads: options.threads ?? 2,
    sprites: spriteConfig(facts.width, facts.height),
  };
  await mkdir(path.join(outDir, 'thumbs'), { recursive: true });
  await runEncode(plan, facts, options);
  const renditions = await writeLadder(plan, options.protection);
  await writeFile(path.join(outDir, 'thumbs', 'sprites.vtt'), spriteVtt(facts.durationS, plan.sprites));
  await writePoster(plan, facts);
  const subs = await writeSubtitles(outDir, options.subtitles ?? [], facts.durationS);
  await writeFile(path.join(outDir, 'master.m3u8'), writeMaster(masterFacts(renditions, subs)));
  const manifest: Manifest = {
    durationS: facts.durationS,
    renditions: [...renditions, ...subs],
    files: await collectFiles(outDir),
  };
  await writeFile(path.join(outDir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

async function runEncode(plan: EncodePlan, facts: SourceFacts, options: TranscodeOptions): Promise<void> {
  const timeoutMs = options.timeoutMs ?? 60_000 + facts.durationS * 10_000;
  let last = -1;
  const result = await run('ffmpeg', buildFfmpegArgs(plan), {
    timeoutMs,
    // RLIMIT_CPU counts every thread: the wall-clock budget times the threads FFmpeg may use (+1 for I/O).
    cpuSeconds: (timeoutMs / 1000) * (plan.threads + 1),
    onLine: (line) => {
      const percent = progressFromLine(line, facts.durationS);
      if (percent !== undefined && percent !== last) {
        last = percent;
        options.onProgress?.(percent);
      }
    },
  });
  if (result.timedOut) throw new TranscodeError('ffmpeg_timeout', `FFmpeg ran past ${timeoutMs} ms`);
  if (result.code !== 0) {
    const reason = result.stderr.trim().split('\n').slice(-3).join(' | ') || `exit code ${result.code}`;
    throw new TranscodeError('ffmpeg_failed', `FFmpeg failed: ${reason}`);
  }
}

async function measureVideo(outDir: string, rung: Rung): Promise<Rendition> {
  const dir = path.join(outDir, rung.id);
  const measured = await measureRendition(dir);
  const codecs = videoCodecFromInit(await readFile(path.join(dir, 'init.mp4')));
  if (codecs === undefined)
    throw new TranscodeError('ffmpeg_failed', `no decoder configuration in ${rung.id}`);
  return {
    id: rung.id,
    type: 'video',
    codecs,
    uri: `${rung.id}/index.m3u8`,
    width: rung.width,
    height: rung.height,
    frameRate: Math.round((rung.rate.num / rung.rate.den) * 1000) / 1000,
    bandwidth: measured.peakBitrate,
    averageBandwidth: measured.averageBitrate,
  };
}

/**
 * Normalizes every rung folder, encrypts a protected title's segments, THEN measures: BANDWIDTH is what
 * clients download (RFC 8216bis §4.4.6.2), and PKCS#7 padding adds 1–16 bytes to every segment.
 */
async function writeLadder(plan: EncodePlan, protection: ContentKeys | undefined): Promise<Rendition[]> {
  const ids = [...plan.rungs.map((r) => r.id), ...(plan.audio ? [plan.audio.id] : [])];
  await Promise.all(ids.map((id) => normalizeInit(path.join(plan.outDir, id))));
  if (protection !== undefined) {
    const video = plan.rungs.map((r) => ({ id: r.id, shortSide: r.shortSide }));
    await protectLadder(plan.outDir, { video, audio: plan.audio?.id }, protection);
  }
  const video = await Promise.all(plan.rungs.map((r) => measureVideo(plan.outDir, r)));
  if (plan.audio === undefined) return video;
  const measured = await measureRendition(path.join(plan.outDir, plan.audio.id));
  const audio: Rendition = {
    id: plan.audio.id,
    type: 'audio',
    codecs: 'mp4a.40.2',
    uri: `${plan.audio.id}/index.m3u8`,
    bandwidth: measured.peakBitrate,
    averageBandwidth: measured.averageBitrate,
  };
  return [...video, audio];
}

/** Our master from measured facts: BANDWIDTH = video peak + audio peak (TOOLCHAIN.md "Traps"). */
export function masterFacts(renditions: Rendition[], subs: Rendition[]) {
  const video: VideoRungFacts[] = renditions
    .filter((r) => r.type === 'video')
    .map((r) => ({
      uri: r.uri,
      peakBitrate: r.bandwidth ?? 0,
      averageBitrate: r.averageBandwidth ?? 0,
      codec: r.codecs,
      width: r.width ?? 0,
      height: r.height ?? 0,
      frameRate: r.frameRate ?? 0,
    }));
  const a = renditions.find((r) => r.type === 'audio');
  const audio: AudioFacts | undefined = a && {
    uri: a.uri,
    name: 'Main',
    peakBitrate: a.bandwidth ?? 0,
    averageBitrate: a.averageBandwidth ?? 0,
    codec: a.codecs,
    channels: 2,
  };
  const subtitles: SubtitleFacts[] = subs.map((s) => ({
    uri: s.uri,
    name: s.id,
    language: s.language ?? 'und',
  }));
  return { video, audio, subtitles };
}

/** A poster at 10% of the duration, or at 3 s for short sources, scaled to the top rung. */
async function writePoster(plan: EncodePlan, facts: SourceFacts): Promise<void> {
  const at = facts.durationS * 0.1 >= 3 ? facts.durationS * 0.1 : Math.min(3, facts.durationS / 2);
  const top = plan.rungs[0];
  const scale = top === undefined ? 'null' : `scale=${top.width}:${top.height}`;
  const result = await run(
    'ffmpeg',
    [
      ...['-nostdin', '-hide_banner', '-loglevel', 'error', '-y', '-threads', `${plan.threads}`],
      ...['-protocol_whitelist', plan.input.protocols, '-ss', at.toFixed(3), '-i', plan.input.url],
      ...['-frames:v', '1', '-vf', scale, '-q:v', '3', path.join(plan.outDir, 'poster.jpg')],
    ],
    { timeoutMs: 60_000 },
  );
  if (result.code !== 0) throw new TranscodeError('ffmpeg_failed', `poster failed: ${result.stderr.trim()}`);
}

/** `subs/{lang}.vtt` and `subs/{lang}.m3u8` per subtitle input. */
async function writeSubtitles(
  outDir: string,
  inputs: SubtitleInput[],
  durationS: number,
): Promise<Rendition[]> {
  if (inputs.length === 0) return [];
  await mkdir(path.join(outDir, 'subs'), { recursive: true });
  return Promise.all(
    inputs.map(async (s) => {
      if (!/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(s.language)) {
        throw new TranscodeError('invalid_subtitles', `bad language tag ${s.language}`);
      }
      await writeFile(path.join(outDir, 'subs', `${s.language}.vtt`), toHlsVtt(s.text));
      await writeFile(
        path.join(outDir, 'subs', `${s.language}.m3u8`),
        subtitlePlaylist(`${s.language}.vtt`, durationS),
      );
      const r: Rendition = { id: s.name, type: 'subtitles', codecs: 'wvtt', uri: `subs/${s.language}.m3u8` };
      r.language = s.language;
      return r;
    }),
  );
}
