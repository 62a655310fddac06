import { serializeMedia } from '@reel/hls';
import { TranscodeError } from './errors.ts';
import { vttTime } from './thumbs.ts';

export interface Cue {
  startS: number;
  endS: number;
  text: string;
}

const TIME = /^(?:(\d+):)?(\d{1,2}):(\d{2})[.,](\d{3})$/;

function parseTime(text: string): number | undefined {
  const m = TIME.exec(text.trim());
  if (m === null) return undefined;
  return Number(m[1] ?? 0) * 3600 + Number(m[2]) * 60 + Number(m[3]) + Number(m[4]) / 1000;
}

/** Reads SRT or WebVTT cue blocks (cue settings and identifiers dropped, text kept verbatim). */
export function parseCues(input: string): Cue[] {
  const text = input.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const cues: Cue[] = [];
  for (const block of text.split(/\n{2,}/)) {
    const lines = block.split('\n');
    const timing = lines.findIndex((l) => l.includes('-->'));
    if (timing < 0) continue;
    const [from = '', rest = ''] = (lines[timing] ?? '').split('-->');
    const startS = parseTime(from);
    const endS = parseTime(rest.trim().split(/\s+/)[0] ?? '');
    const body = lines
      .slice(timing + 1)
      .join('\n')
      .trim();
    if (startS === undefined || endS === undefined || endS < startS) {
      throw new TranscodeError('invalid_subtitles', `bad cue timing: ${lines[timing]}`);
    }
    if (body !== '') cues.push({ startS, endS, text: body });
  }
  if (cues.length === 0) throw new TranscodeError('invalid_subtitles', 'no cues found');
  return cues;
}

/**
 * WebVTT for HLS: X-TIMESTAMP-MAP ties LOCAL 0 to the media's MPEG-2 90 kHz time (RFC 8216bis §3.1.4);
 * our fMP4 segments start at media time `mpegts` (0 for FFmpeg's HLS muxer).
 */
export function toHlsVtt(input: string, mpegts = 0): string {
  const cues = parseCues(input).map((c) => `${vttTime(c.startS)} --> ${vttTime(c.endS)}\n${c.text}`);
  return `WEBVTT\nX-TIMESTAMP-MAP=MPEGTS:${mpegts},LOCAL:00:00:00.000\n\n${cues.join('\n\n')}\n`;
}

/** A subtitles media playlist with the whole file as one segment (RFC 8216bis §3.1.4, §4.4.3.1). */
export function subtitlePlaylist(vttUri: string, durationS: number): string {
  return serializeMedia({
    kind: 'media',
    version: 3,
    targetDuration: Math.max(1, Math.ceil(durationS)),
    mediaSequence: 0,
    playlistType: 'VOD',
    independentSegments: false,
    endList: true,
    segments: [{ uri: vttUri, duration: durationS }],
  });
}
