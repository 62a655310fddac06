/** `1:05`, `12:34`, `1:02:03`: the clock players show (hours only when the title needs them). */
export function formatTime(seconds: number, withHours = seconds >= 3600): string {
  const s = Number.isFinite(seconds) && seconds > 0 ? Math.floor(seconds) : 0;
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = String(s % 60).padStart(2, '0');
  return withHours ? `${h}:${String(m).padStart(2, '0')}:${sec}` : `${m}:${sec}`;
}

/** Spoken form for screen readers: "1 minute 5 seconds". */
export function spokenTime(seconds: number): string {
  const s = Number.isFinite(seconds) && seconds > 0 ? Math.floor(seconds) : 0;
  const parts: [number, string][] = [
    [Math.floor(s / 3600), 'hour'],
    [Math.floor((s % 3600) / 60), 'minute'],
    [s % 60, 'second'],
  ];
  const words = parts.filter(([n]) => n > 0).map(([n, unit]) => `${n} ${unit}${n === 1 ? '' : 's'}`);
  return words.length > 0 ? words.join(' ') : '0 seconds';
}

/** "360p", with "HD"/"4K" badges the way streaming menus label rungs. */
export function qualityLabel(shortSide: number): string {
  if (shortSide >= 2160) return `${shortSide}p 4K`;
  if (shortSide >= 720) return `${shortSide}p HD`;
  return `${shortSide}p`;
}

export const clamp = (n: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, n));

/**
 * A start time from a shareable link: `90`, `1:30`, `1:02:03` or `1h2m3s` (the forms people paste);
 * null when absent or unreadable.
 */
export function parseTimeParam(value: string | null): number | null {
  if (!value) return null;
  const v = value.trim();
  if (/^\d+(\.\d+)?$/.test(v)) return Number(v);
  if (/^\d+(:\d{1,2}){1,2}$/.test(v)) return v.split(':').reduce((acc, part) => acc * 60 + Number(part), 0);
  const m = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/.exec(v);
  if (!m || (!m[1] && !m[2] && !m[3])) return null;
  return Number(m[1] ?? 0) * 3600 + Number(m[2] ?? 0) * 60 + Number(m[3] ?? 0);
}
