/**
 * hls.js facts → Reel's `AbrState` (docs/ABR.md "In the player"). Pure and DOM-free, so the mapping is
 * unit-tested without a browser; `controller.ts` reads the facts from hls.js and calls these.
 */
import type { AbrState, Download } from '@reel/abr';

/** What the mapping needs of one hls.js level. */
export interface LevelFacts {
  /** Bits/s: AVERAGE-BANDWIDTH when the playlist has it, else BANDWIDTH (hls.js `averageBitrate`). */
  bitrateBps: number;
  /** Codec family (hls.js `codecSet`): a switch never crosses families, as in hls.js's own rules. */
  codecSet: string;
  /** Failed to load lately (hls.js error penalty not expired): left out unless it is playing now. */
  penalized?: boolean;
}

/** One finished main-fragment download (hls.js FRAG_LOADED stats), in hls.js level indexes. */
export interface FragmentLoad {
  level: number;
  bytes: number;
  /** Request to last byte (`loading.end − loading.start`), seconds. */
  durationS: number;
}

/** Everything a decision looks at, as hls.js knows it. */
export interface PlayerFacts {
  levels: readonly LevelFacts[];
  /** hls.js `minAutoLevel` / `maxAutoLevel`: minAutoBitrate, autoLevelCapping and capLevelToPlayerSize. */
  minAutoLevel: number;
  maxAutoLevel: number;
  /** Level of the last main fragment loaded: the codec family and the state's `lastRung`. */
  lastLevel: number;
  /** Seconds buffered ahead of the playhead, at the playback rate. */
  bufferS: number;
  maxBufferS: number;
  /** Durations (s) of the fragments still to load, the next one first (at most the lookahead). */
  upcomingS: readonly number[];
  /** Fragments still to load, the next one included; `Infinity` for live. */
  remaining: number;
  /** Live playlists pad the lookahead with chunks of the target duration. */
  targetDurationS: number;
  /** Oldest first. */
  history: readonly FragmentLoad[];
}

/** The rungs Reel chooses among: ascending bitrates, and the hls.js level of each rung. */
export interface Ladder {
  levels: readonly number[];
  bitratesKbps: readonly number[];
}

/**
 * The levels auto may pick: `[min, max]`, the codec family of `current`, no penalized level but `current`;
 * sorted by bitrate (hls.js sorts by height first, so bitrates need not ascend across levels).
 * @example ladderOf(levels, 0, 3, 2) // { levels: [0, 1, 2, 3], bitratesKbps: [420, 950, 1600, 3100] }
 */
export function ladderOf(levels: readonly LevelFacts[], min: number, max: number, current: number): Ladder {
  const codecSet = levels[current]?.codecSet;
  const picked: { level: number; kbps: number }[] = [];
  for (let i = Math.max(0, min); i <= Math.min(max, levels.length - 1); i++) {
    const level = levels[i];
    if (!level || level.bitrateBps <= 0) continue;
    if (codecSet !== undefined && level.codecSet !== codecSet) continue;
    if (level.penalized && i !== current) continue;
    picked.push({ level: i, kbps: level.bitrateBps / 1000 });
  }
  picked.sort((a, b) => a.kbps - b.kbps || a.level - b.level);
  return { levels: picked.map((p) => p.level), bitratesKbps: picked.map((p) => p.kbps) };
}

/** The hls.js level of a rung. */
export function levelOfRung(ladder: Ladder, rung: number): number {
  return ladder.levels[Math.min(Math.max(rung, 0), ladder.levels.length - 1)] ?? -1;
}

/**
 * The rung of an hls.js level: its own rung, or for a level outside the ladder (above a new cap, another
 * family) the highest rung at or below its bitrate (0 if none).
 */
export function rungOfLevel(ladder: Ladder, levels: readonly LevelFacts[], level: number): number {
  const own = ladder.levels.indexOf(level);
  if (own >= 0) return own;
  const kbps = (levels[level]?.bitrateBps ?? 0) / 1000;
  let rung = 0;
  ladder.bitratesKbps.forEach((k, i) => {
    if (k <= kbps) rung = i;
  });
  return rung;
}

/**
 * Index of the fragment that holds `positionS` (the end of the buffer): the first whose end lies past it by
 * more than `toleranceS`; -1 past the last. `starts` and `durations` are the playlist's, in order.
 */
export function nextFragmentIndex(
  fragments: readonly { start: number; duration: number }[],
  positionS: number,
  toleranceS = 0.05,
): number {
  return fragments.findIndex((f) => f.start + f.duration > positionS + toleranceS);
}

/**
 * Reel's state for the next fragment, or null when there is nothing to decide (no download measured yet,
 * fewer than two rungs, nothing left to load): hls.js then chooses. The state's video is a window that
 * starts at the next fragment (`nextChunk` 0) and holds `lookahead` chunks, sized as level bitrate ×
 * fragment duration; `chunkCount` still says how many fragments remain, so the planner values buffer only
 * while chunks remain.
 */
export function abrStateOf(f: PlayerFacts, lookahead: number): { state: AbrState; ladder: Ladder } | null {
  const ladder = ladderOf(f.levels, f.minAutoLevel, f.maxAutoLevel, f.lastLevel);
  if (ladder.levels.length < 2 || f.history.length === 0) return null;
  const live = !Number.isFinite(f.remaining);
  const durations = f.upcomingS.slice(0, lookahead);
  while (live && durations.length < lookahead) durations.push(f.targetDurationS);
  if (durations.length === 0 || f.remaining <= 0) return null;
  const chunkS = durations.reduce((sum, d) => sum + d, 0) / durations.length;
  const history: Download[] = f.history.map((load) => ({
    rung: rungOfLevel(ladder, f.levels, load.level),
    bytes: Math.max(1, load.bytes),
    durationS: Math.max(0.001, load.durationS),
  }));
  const state: AbrState = {
    bufferS: Math.min(Math.max(f.bufferS, 0), f.maxBufferS),
    nextChunk: 0,
    chunkCount: live ? 2 * lookahead : Math.max(f.remaining, durations.length),
    maxBufferS: f.maxBufferS,
    lastRung: rungOfLevel(ladder, f.levels, f.lastLevel),
    history,
    video: {
      bitratesKbps: ladder.bitratesKbps,
      chunkBytes: durations.map((d) => ladder.bitratesKbps.map((kbps) => (kbps * 1000 * d) / 8)),
      chunkS,
    },
  };
  return { state, ladder };
}
