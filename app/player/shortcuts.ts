/** The player's keyboard shortcuts (the set YouTube and Netflix viewers already know). */
export type Shortcut =
  | { type: 'togglePlay' }
  | { type: 'seekBy'; seconds: number }
  | { type: 'seekToFraction'; fraction: number }
  | { type: 'volumeBy'; delta: number }
  | { type: 'toggleMute' }
  | { type: 'toggleFullscreen' }
  | { type: 'toggleCaptions' }
  | { type: 'togglePictureInPicture' };

/** The list shown to viewers (and in docs): key, what it does. */
export const SHORTCUT_HELP: [string, string][] = [
  ['Space or K', 'Play or pause'],
  ['J / L', 'Back or forward 10 seconds'],
  ['← / →', 'Back or forward 5 seconds'],
  ['↑ / ↓', 'Volume up or down'],
  ['F', 'Full screen'],
  ['M', 'Mute'],
  ['C', 'Subtitles on or off'],
  ['I', 'Picture-in-picture'],
  ['0–9', 'Jump to 0 %–90 %'],
];

const BY_KEY: Record<string, Shortcut> = {
  k: { type: 'togglePlay' },
  ' ': { type: 'togglePlay' },
  j: { type: 'seekBy', seconds: -10 },
  l: { type: 'seekBy', seconds: 10 },
  ArrowLeft: { type: 'seekBy', seconds: -5 },
  ArrowRight: { type: 'seekBy', seconds: 5 },
  ArrowUp: { type: 'volumeBy', delta: 0.05 },
  ArrowDown: { type: 'volumeBy', delta: -0.05 },
  f: { type: 'toggleFullscreen' },
  m: { type: 'toggleMute' },
  c: { type: 'toggleCaptions' },
  i: { type: 'togglePictureInPicture' },
};

/** Where a key press belongs to the focused element instead of the player. */
function ownsKey(target: EventTarget | null, key: string): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target.closest('input, textarea, select, [role="menu"]')) return true;
  // Space and Enter activate a focused button or link; the player must not act on them twice.
  return (key === ' ' || key === 'Enter') && target.closest('button, a, [role="button"]') !== null;
}

/** The shortcut a key press means, or null (modifier chords, typing in a field, a key we do not use). */
export function shortcutOf(e: KeyboardEvent): Shortcut | null {
  if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) return null;
  if (ownsKey(e.target, e.key)) return null;
  if (/^[0-9]$/.test(e.key)) return { type: 'seekToFraction', fraction: Number(e.key) / 10 };
  return BY_KEY[e.key.length === 1 ? e.key.toLowerCase() : e.key] ?? null;
}
