import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type MasterPlaylist, type MediaPlaylist, parsePlaylist } from '@reel/hls';

export function readMaster(dir: string): MasterPlaylist {
  const parsed = parsePlaylist(readFileSync(path.join(dir, 'master.m3u8'), 'utf8'));
  if (!parsed.ok || parsed.playlist.kind !== 'master') throw new Error(`bad master in ${dir}`);
  return parsed.playlist;
}

export function readMedia(file: string): MediaPlaylist {
  const parsed = parsePlaylist(readFileSync(file, 'utf8'));
  if (!parsed.ok || parsed.playlist.kind !== 'media') throw new Error(`bad media playlist ${file}`);
  return parsed.playlist;
}

/** init.mp4 + every segment, concatenated: a plain fragmented MP4 that ffprobe reads as one file. */
export function joinRendition(rungDir: string): string {
  const media = readMedia(path.join(rungDir, 'index.m3u8'));
  const parts = [readFileSync(path.join(rungDir, 'init.mp4'))];
  for (const s of media.segments) parts.push(readFileSync(path.join(rungDir, s.uri)));
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'reel-rung-')), 'all.mp4');
  writeFileSync(file, Buffer.concat(parts));
  return file;
}

export function ffprobeJson(args: string[]): unknown {
  return JSON.parse(execFileSync('ffprobe', ['-v', 'error', '-of', 'json', ...args], { encoding: 'utf8' }));
}

export interface VideoStreamInfo {
  profile: string;
  level: number;
  width: number;
  height: number;
  avg_frame_rate: string;
}

export function videoStream(file: string): VideoStreamInfo {
  const out = ffprobeJson([
    ...['-select_streams', 'v:0', '-show_entries', 'stream=profile,level,width,height,avg_frame_rate', file],
  ]) as { streams: VideoStreamInfo[] };
  const stream = out.streams[0];
  if (stream === undefined) throw new Error(`no video in ${file}`);
  return stream;
}

/** Presentation times of packets flagged key (`K`) by the demuxer, in presentation order. */
export function keyframeTimes(file: string): number[] {
  const out = ffprobeJson([
    ...['-select_streams', 'v:0', '-show_entries', 'packet=pts_time,flags', file],
  ]) as { packets: { pts_time: string; flags: string }[] };
  return out.packets
    .filter((p) => p.flags.includes('K'))
    .map((p) => Number(p.pts_time))
    .sort((a, b) => a - b);
}

/** Peak and average bitrate measured independently of the transcoder from a rendition folder. */
export function measuredBitrates(rungDir: string): { peak: number; average: number } {
  const media = readMedia(path.join(rungDir, 'index.m3u8'));
  const rates = media.segments.map((s) => ({
    duration: s.duration,
    bits: statSync(path.join(rungDir, s.uri)).size * 8,
  }));
  const last = rates.at(-1);
  const full = last !== undefined && last.duration < media.targetDuration / 2 ? rates.slice(0, -1) : rates;
  const bits = rates.reduce((sum, r) => sum + r.bits, 0);
  const seconds = rates.reduce((sum, r) => sum + r.duration, 0);
  return { peak: Math.max(...full.map((r) => r.bits / r.duration)), average: bits / seconds };
}
