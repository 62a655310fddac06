/**
 * Markers (intro, credits) and chapters as typed in `m:ss` inputs, checked and turned into the PATCH body.
 * Chapters are sorted by start time on save (the API wants strictly increasing `startS`), so the form
 * shows them in the order viewers will see them.
 */
import type { VideoPatch, VideoView } from '@reel/contracts';
import { formatClock, parseClock } from './format.ts';
import type { FieldErrors } from './forms.tsx';

export type ChapterRow = { key: number; start: string; title: string };
export type MarkersDraft = {
  introStart: string;
  introEnd: string;
  creditsStart: string;
  chapters: ChapterRow[];
};

let nextKey = 1;
export const newRow = (start = '', title = ''): ChapterRow => ({ key: nextKey++, start, title });

const clockOrEmpty = (s: number | null) => (s === null ? '' : formatClock(s));

export function markersDraftOf(video: VideoView): MarkersDraft {
  return {
    introStart: clockOrEmpty(video.markers.introStartS),
    introEnd: clockOrEmpty(video.markers.introEndS),
    creditsStart: clockOrEmpty(video.markers.creditsStartS),
    chapters: video.chapters.map((c) => newRow(formatClock(c.startS), c.title)),
  };
}

type Checked = { ok: true; seconds: number | null } | { ok: false; message: string };

/** An optional time: empty is "none"; otherwise a clock within the video's length. */
function checkTime(text: string, durationS: number | null): Checked {
  if (text.trim() === '') return { ok: true, seconds: null };
  const parsed = parseClock(text);
  if (!parsed.ok) return parsed;
  if (durationS !== null && parsed.seconds > durationS) {
    return { ok: false, message: `The video is only ${formatClock(durationS)} long` };
  }
  return parsed;
}

function checkMarkers(d: MarkersDraft, durationS: number | null, errors: FieldErrors) {
  const intro = checkTime(d.introStart, durationS);
  const introEnd = checkTime(d.introEnd, durationS);
  const credits = checkTime(d.creditsStart, durationS);
  if (!intro.ok) errors.introStartS = intro.message;
  if (!introEnd.ok) errors.introEndS = introEnd.message;
  if (!credits.ok) errors.creditsStartS = credits.message;
  if (!intro.ok || !introEnd.ok || !credits.ok) return null;
  if ((intro.seconds === null) !== (introEnd.seconds === null)) {
    errors[intro.seconds === null ? 'introStartS' : 'introEndS'] = 'Set both where the intro starts and ends';
  } else if (intro.seconds !== null && introEnd.seconds !== null && introEnd.seconds <= intro.seconds) {
    errors.introEndS = 'The intro must end after it starts';
  }
  return { introStartS: intro.seconds, introEndS: introEnd.seconds, creditsStartS: credits.seconds };
}

function checkChapters(rows: ChapterRow[], durationS: number | null, errors: FieldErrors) {
  const out: { startS: number; title: string }[] = [];
  const firstAt = new Map<number, number>();
  rows.forEach((row, i) => {
    if (!row.title.trim()) errors[`chapters.${i}.title`] = 'Give the chapter a title';
    const start: Checked =
      row.start.trim() === ''
        ? { ok: false, message: 'Give the chapter a start time' }
        : checkTime(row.start, durationS);
    if (!start.ok) {
      errors[`chapters.${i}.startS`] = start.message;
      return;
    }
    const seconds = start.seconds ?? 0;
    const twin = firstAt.get(seconds);
    if (twin !== undefined) {
      errors[`chapters.${i}.startS`] = `Chapter ${twin + 1} starts at the same time`;
      return;
    }
    firstAt.set(seconds, i);
    out.push({ startS: seconds, title: row.title.trim() });
  });
  return out;
}

/** Chapter rows in start-time order (rows whose time does not parse keep their place at the end). */
export function sortRows(rows: ChapterRow[]): ChapterRow[] {
  const at = (r: ChapterRow) => {
    const p = parseClock(r.start);
    return p.ok ? p.seconds : Number.POSITIVE_INFINITY;
  };
  return [...rows].sort((a, b) => at(a) - at(b));
}

/** The PATCH body, or errors keyed like the API's (`introEndS`, `chapters.2.title`). */
export function markersBodyOf(
  d: MarkersDraft,
  durationS: number | null,
): { ok: true; body: VideoPatch } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const markers = checkMarkers(d, durationS, errors);
  const chapters = checkChapters(d.chapters, durationS, errors);
  if (Object.keys(errors).length > 0 || !markers) return { ok: false, errors };
  return { ok: true, body: { ...markers, chapters: chapters.sort((a, b) => a.startS - b.startS) } };
}
