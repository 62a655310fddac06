/** How the viewer pages write durations, ratings, languages and times. */
import type { AgeRating } from '@reel/contracts';

/** `1 h 32 min`, `9 min`, `45 s`: a running time as catalogs print it. */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds) || seconds <= 0) return '';
  if (seconds < 60) return `${Math.round(seconds)} s`;
  const minutes = Math.round(seconds / 60);
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h === 0) return `${m} min`;
  return m === 0 ? `${h} h` : `${h} h ${m} min`;
}

/** `3:07` or `1:02:07`: a position in a title. */
export function formatClock(seconds: number): string {
  const total = Math.max(0, Math.floor(seconds));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/** The badge text of an age rating: `All ages`, `7+`, … `18+`. */
export const ageLabel = (rating: AgeRating | number): string => (rating === 0 ? 'All ages' : `${rating}+`);

/** The spoken form, for screen readers: "Rated 12 and over". */
export const ageDescription = (rating: AgeRating | number): string =>
  rating === 0 ? 'Suitable for all ages' : `Rated ${rating} and over`;

const languageNames =
  typeof Intl.DisplayNames === 'function' ? new Intl.DisplayNames(['en'], { type: 'language' }) : null;

/** `en` → `English`; unknown tags come back as they are. */
export function languageName(tag: string | null | undefined): string {
  if (!tag) return '';
  try {
    return languageNames?.of(tag) ?? tag;
  } catch {
    return tag;
  }
}

const relative = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 86_400_000],
  ['month', 30 * 86_400_000],
  ['week', 7 * 86_400_000],
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
];

/** `2 hours ago`, `yesterday`, `just now`. */
export function timeAgo(iso: string, now = Date.now()): string {
  const diff = Date.parse(iso) - now;
  for (const [unit, ms] of UNITS) {
    if (Math.abs(diff) >= ms) return relative.format(Math.round(diff / ms), unit);
  }
  return 'just now';
}

/** `24 Nov 2026`. */
export const formatDate = (iso: string): string =>
  new Date(iso).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric' });
