/**
 * Types shared by the simulator and the ABR algorithms. Units are part of every name: `S` seconds,
 * `Kbps` kilobits per second (1000 bit/s), `Bps` bits per second, `Bytes` bytes.
 */

/** A video: its bitrate ladder and the size of every chunk at every rung. */
export interface Video {
  /** Rung bitrates, ascending (index 0 is the lowest). */
  bitratesKbps: readonly number[];
  /** `chunkBytes[chunk][rung]`, chunk 0 first. */
  chunkBytes: readonly (readonly number[])[];
  chunkS: number;
}

/** One finished chunk download, as a player would observe it. */
export interface Download {
  rung: number;
  bytes: number;
  /** Request to last byte, the round trip included. */
  durationS: number;
}

/**
 * Everything an ABR decision may look at, built after each chunk download. Decisions are pure functions
 * of this state, so the same code runs in the simulator and behind hls.js's abrController.
 */
export interface AbrState {
  /** Seconds of video buffered ahead of the playhead. */
  bufferS: number;
  /** Index (0-based) of the chunk to choose a rung for. */
  nextChunk: number;
  /** Total chunks in the video; `nextChunk < chunkCount`. */
  chunkCount: number;
  /** The player's buffer cap: above it the player waits instead of downloading. */
  maxBufferS: number;
  /** Rung of the previous chunk. */
  lastRung: number;
  /** Every download so far, oldest first (at least one). */
  history: readonly Download[];
  video: Video;
}

/** An ABR algorithm: state in, rung index out. */
export interface AbrAlgorithm {
  readonly name: string;
  decide(state: AbrState): number;
}
