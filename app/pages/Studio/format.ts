/**
 * How the studio writes numbers people read: bytes, speeds, durations and the `m:ss` times of markers and
 * chapters (parsed back with `parseClock`).
 */

const UNITS = ['B', 'KB', 'MB', 'GB', 'TB'];

/** `31457280` → `31.5 MB` (decimal units, as operating systems show file sizes). */
export function formatBytes(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < UNITS.length - 1) {
    value /= 1000;
    unit++;
  }
  const digits = unit === 0 || value >= 100 ? 0 : 1;
  return `${value.toFixed(digits)} ${UNITS[unit]}`;
}

/** `90` → `1:30`, `3725` → `1:02:05`: the clock form of a time in a video. */
export function formatClock(seconds: number): string {
  const total = Math.max(0, Math.round(seconds));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/** `42` → `about 42 s`, `150` → `about 3 min`: a time left, rounded as a person would say it. */
export function formatEta(seconds: number): string {
  if (!Number.isFinite(seconds)) return '';
  if (seconds < 60) return `about ${Math.max(1, Math.round(seconds))} s left`;
  if (seconds < 3600) return `about ${Math.round(seconds / 60)} min left`;
  return `about ${(seconds / 3600).toFixed(1)} h left`;
}

export type ClockParse = { ok: true; seconds: number } | { ok: false; message: string };

const CLOCK = /^(?:(\d+):)?(\d{1,2}):(\d{2})(?:\.(\d{1,3}))?$/;

/**
 * Reads `m:ss`, `h:mm:ss` (optionally with `.mmm`) or plain seconds; minutes and seconds past 59 are refused
 * so a typo such as `1:75` is caught rather than read as 2:15.
 */
export function parseClock(text: string): ClockParse {
  const value = text.trim();
  if (/^\d+(\.\d+)?$/.test(value)) return { ok: true, seconds: Number(value) };
  const match = CLOCK.exec(value);
  if (!match) return { ok: false, message: 'Use m:ss, for example 1:30' };
  const [, h = '0', m = '0', s = '0', ms = '0'] = match;
  if (Number(s) > 59 || (match[1] !== undefined && Number(m) > 59)) {
    return { ok: false, message: 'Minutes and seconds go up to 59' };
  }
  const seconds = Number(h) * 3600 + Number(m) * 60 + Number(s) + Number(`0.${ms}`);
  return { ok: true, seconds };
}
