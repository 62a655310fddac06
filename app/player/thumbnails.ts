import type { ThumbnailCue } from './types.ts';

/** `hh:mm:ss.ttt` or `mm:ss.ttt` (WebVTT §4.5 timestamps). */
function parseTimestamp(text: string): number | null {
  const m = /^(?:(\d+):)?(\d{2}):(\d{2})\.(\d{3})$/.exec(text.trim());
  if (!m) return null;
  return Number(m[1] ?? 0) * 3600 + Number(m[2]) * 60 + Number(m[3]) + Number(m[4]) / 1000;
}

/** `sprite_1.jpg#xywh=0,0,160,90` (Media Fragments URI §4.2.2, pixel units), resolved against the VTT. */
function parseTile(payload: string, base: string): Omit<ThumbnailCue, 'startS' | 'endS'> | null {
  const m = /^(.+)#xywh=(?:pixel:)?(\d+),(\d+),(\d+),(\d+)$/.exec(payload.trim());
  if (!m?.[1]) return null;
  const [x, y, w, h] = [m[2], m[3], m[4], m[5]].map(Number) as [number, number, number, number];
  return { url: new URL(m[1], base).href, x, y, w, h };
}

/**
 * The thumbnail track the transcoder writes (`thumbs/sprites.vtt`): one cue per interval whose payload
 * names a tile of a sprite sheet. Cues that do not parse are skipped; the bar then shows only the time.
 */
export function parseSpriteVtt(text: string, vttUrl: string): ThumbnailCue[] {
  const cues: ThumbnailCue[] = [];
  for (const block of text.replace(/\r\n?/g, '\n').split(/\n{2,}/)) {
    const lines = block.split('\n');
    const timing = lines.findIndex((l) => l.includes('-->'));
    if (timing < 0) continue;
    const [from = '', rest = ''] = (lines[timing] ?? '').split('-->');
    const startS = parseTimestamp(from);
    const endS = parseTimestamp(rest.trim().split(/\s+/)[0] ?? '');
    const tile = parseTile(lines[timing + 1] ?? '', vttUrl);
    if (startS !== null && endS !== null && tile) cues.push({ startS, endS, ...tile });
  }
  return cues;
}

/** The tile for a time: cues are sorted and contiguous, so a binary search finds it. */
export function thumbnailAt(cues: ThumbnailCue[], timeS: number): ThumbnailCue | null {
  let lo = 0;
  let hi = cues.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const cue = cues[mid];
    if (!cue) break;
    if (timeS < cue.startS) hi = mid - 1;
    else if (timeS >= cue.endS) lo = mid + 1;
    else return cue;
  }
  return cues.at(-1)?.endS === timeS ? (cues.at(-1) ?? null) : null;
}

/** Fetches and parses the sprite track beside the manifest; an empty list when the title has none. */
export async function loadThumbnails(vttUrl: string, signal: AbortSignal): Promise<ThumbnailCue[]> {
  try {
    const res = await fetch(vttUrl, { credentials: 'omit', signal });
    return res.ok ? parseSpriteVtt(await res.text(), vttUrl) : [];
  } catch {
    return [];
  }
}
