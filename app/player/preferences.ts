/**
 * The viewer's player settings, remembered on this device like every streaming player does: volume,
 * mute, the subtitle language and the caption style. Storage can be unavailable (a third-party iframe
 * with storage blocked): then the defaults apply and nothing is remembered.
 */

export const CAPTION_SIZES = [
  { value: 0.75, label: 'Small' },
  { value: 1, label: 'Normal' },
  { value: 1.5, label: 'Large' },
  { value: 2, label: 'Extra large' },
] as const;

export const CAPTION_BACKGROUNDS = [
  { value: 'none', label: 'None (outlined text)' },
  { value: 'translucent', label: 'Translucent' },
  { value: 'solid', label: 'Solid black' },
] as const;

export type CaptionBackground = (typeof CAPTION_BACKGROUNDS)[number]['value'];
export type CaptionStyle = { size: number; background: CaptionBackground };

export type PlayerPrefs = {
  volume: number;
  muted: boolean;
  /** The subtitle language to turn on by itself; null = subtitles off. */
  subtitleLang: string | null;
  captions: CaptionStyle;
};

const KEY = 'reel.player';
export const DEFAULT_PREFS: PlayerPrefs = {
  volume: 1,
  muted: false,
  subtitleLang: null,
  captions: { size: 1, background: 'translucent' },
};

const inRange = (n: unknown, lo: number, hi: number): n is number =>
  typeof n === 'number' && Number.isFinite(n) && n >= lo && n <= hi;

/** Stored JSON is untrusted (another version, a hand edit): each field is checked, defaults fill gaps. */
export function readPrefs(): PlayerPrefs {
  let raw: unknown = null;
  try {
    raw = JSON.parse(localStorage.getItem(KEY) ?? 'null');
  } catch {
    return DEFAULT_PREFS;
  }
  if (typeof raw !== 'object' || raw === null) return DEFAULT_PREFS;
  const r = raw as Record<string, unknown>;
  const c = (typeof r.captions === 'object' && r.captions !== null ? r.captions : {}) as Record<
    string,
    unknown
  >;
  const background = CAPTION_BACKGROUNDS.find((b) => b.value === c.background)?.value;
  return {
    volume: inRange(r.volume, 0, 1) ? r.volume : DEFAULT_PREFS.volume,
    muted: typeof r.muted === 'boolean' ? r.muted : DEFAULT_PREFS.muted,
    subtitleLang: typeof r.subtitleLang === 'string' ? r.subtitleLang : null,
    captions: {
      size: inRange(c.size, 0.5, 3) ? c.size : DEFAULT_PREFS.captions.size,
      background: background ?? DEFAULT_PREFS.captions.background,
    },
  };
}

export function writePrefs(change: Partial<PlayerPrefs>): PlayerPrefs {
  const next = { ...readPrefs(), ...change };
  try {
    localStorage.setItem(KEY, JSON.stringify(next));
  } catch {
    // Storage blocked or full: the choice holds for this page only.
  }
  return next;
}
