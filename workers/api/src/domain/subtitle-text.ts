/**
 * A small, pure validator for subtitle uploads: SRT (cue number optional, `HH:MM:SS,mmm`) and WebVTT
 * (`WEBVTT` header, optional hours, NOTE/STYLE/REGION blocks, cue settings). It is at least as strict as
 * the transcoder's reader (containers/transcoder/src/subtitles.ts), so accepted text always renders.
 */

export type SubtitleFormat = 'srt' | 'vtt';

export type SubtitleCheck = { ok: true; cues: number } | { ok: false; line: number; message: string };

type Block = { start: number; lines: string[] };

// Hours optional for WebVTT; SRT requires them (checked below). Both separators are accepted, as players do.
const TIME = /^(?:(\d{1,3}):)?([0-5]\d):([0-5]\d)[.,](\d{3})$/;

/** Seconds of one timestamp, or null when it is malformed. */
export function parseTimestamp(text: string, format: SubtitleFormat): number | null {
  const m = TIME.exec(text);
  if (!m) return null;
  if (format === 'srt' && m[1] === undefined) return null;
  return Number(m[1] ?? 0) * 3600 + Number(m[2]) * 60 + Number(m[3]) + Number(m[4]) / 1000;
}

/** Blank-line separated blocks, each with its first line's 1-based number. */
function blocksOf(lines: string[]): Block[] {
  const blocks: Block[] = [];
  let current: Block | null = null;
  lines.forEach((line, i) => {
    // Only an empty line ends a block (as in the transcoder's reader); a line of spaces is cue text.
    if (line === '') {
      current = null;
      return;
    }
    if (current === null) {
      current = { start: i + 1, lines: [] };
      blocks.push(current);
    }
    current.lines.push(line);
  });
  return blocks;
}

const fail = (line: number, message: string): SubtitleCheck => ({ ok: false, line, message });

/** Checks SRT or WebVTT text: at least one cue with text, well-formed timings, end after start, starts in order. */
export function checkSubtitles(input: string, format: SubtitleFormat): SubtitleCheck {
  const lines = input.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  let blocks = blocksOf(lines);
  if (format === 'vtt') {
    const header = blocks[0];
    if (header?.start !== 1 || !/^WEBVTT([ \t].*)?$/.test(header.lines[0] ?? '')) {
      return fail(1, 'a WebVTT file must start with a `WEBVTT` line');
    }
    const arrowAt = header.lines.findIndex((l) => l.includes('-->'));
    if (arrowAt >= 0) return fail(header.start + arrowAt, 'leave an empty line after the header');
    const comments = blocks.filter((b) => /^(NOTE|STYLE|REGION)([ \t]|$)/.test(b.lines[0] ?? ''));
    for (const b of comments) {
      const at = b.lines.findIndex((l) => l.includes('-->'));
      if (at >= 0)
        return fail(b.start + at, `a ${b.lines[0]?.split(/[ \t]/)[0]} block must not contain \`-->\``);
    }
    blocks = blocks.slice(1).filter((b) => !comments.includes(b));
  }
  let cues = 0;
  let previousStart = -1;
  for (const block of blocks) {
    const timingAt = block.lines.findIndex((l) => l.includes('-->'));
    const lineNo = block.start + Math.max(timingAt, 0);
    if (timingAt < 0) return fail(block.start, 'expected a cue timing line `start --> end`');
    if (timingAt > 1) return fail(block.start + 1, 'expected the cue timing on the first or second line');
    if (format === 'srt' && timingAt === 1 && !/^\d+$/.test(block.lines[0]?.trim() ?? '')) {
      return fail(block.start, 'an SRT cue number must be digits');
    }
    const [from = '', rest = ''] = (block.lines[timingAt] ?? '').split('-->');
    const [to = '', ...settings] = rest.trim().split(/[ \t]+/);
    if (format === 'srt' && settings.length > 0) return fail(lineNo, 'unexpected text after the end time');
    const start = parseTimestamp(from.trim(), format);
    const end = parseTimestamp(to, format);
    if (start === null) return fail(lineNo, `malformed start time \`${from.trim()}\``);
    if (end === null) return fail(lineNo, `malformed end time \`${to}\``);
    if (end <= start) return fail(lineNo, 'the cue ends before it starts');
    if (start < previousStart) return fail(lineNo, 'cues must be in order of start time');
    previousStart = start;
    const text = block.lines.slice(timingAt + 1);
    if (text.some((l) => l.includes('-->'))) return fail(lineNo + 1, 'a cue’s text must not contain `-->`');
    if (text.length === 0) {
      if (format === 'srt') return fail(lineNo, 'the cue has no text');
      continue;
    }
    cues++;
  }
  if (cues === 0) return fail(lines.length, 'no cue with text found');
  return { ok: true, cues };
}
