/** Builders shared by this package's tests (not exported from the package). */
import type { AbrAlgorithm, AbrState, Download, Video } from './types.ts';

/** A video whose every chunk has the same sizes per rung. */
export function uniformVideo(bitratesKbps: number[], bytesPerRung: number[], chunks: number): Video {
  return { bitratesKbps, chunkBytes: Array.from({ length: chunks }, () => [...bytesPerRung]), chunkS: 4 };
}

/** An algorithm that plays a fixed list of rungs (for chunks 2, 3, …) and records the states it saw. */
export function scripted(rungs: number[]): AbrAlgorithm & { seen: AbrState[] } {
  const seen: AbrState[] = [];
  return {
    name: 'scripted',
    seen,
    decide: (state) => {
      seen.push({ ...state, history: [...state.history] });
      return rungs[seen.length - 1] ?? 0;
    },
  };
}

/** Downloads that each measured `mbps` (bytes chosen for a 1 s download). */
export function downloadsAt(mbps: number[], rung = 0): Download[] {
  return mbps.map((m) => ({ rung, bytes: (m * 1e6) / 8, durationS: 1 }));
}

/** A state on the Pensieve ladder with 4 s chunks whose sizes are bitrate × 4 s. */
export function ladderState(overrides: Partial<AbrState> = {}): AbrState {
  const bitratesKbps = [300, 750, 1200, 1850, 2850, 4300];
  const video = uniformVideo(
    bitratesKbps,
    bitratesKbps.map((k) => k * 500),
    48,
  );
  return {
    bufferS: 10,
    nextChunk: 5,
    chunkCount: 48,
    maxBufferS: 60,
    lastRung: 1,
    history: downloadsAt([1, 1, 1, 1, 1]),
    video,
    ...overrides,
  };
}

/** Expect equality up to floating-point rounding (12 significant digits). */
export const close = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));
