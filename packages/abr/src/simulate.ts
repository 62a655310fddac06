/**
 * A chunk-level, trace-driven session simulator with the rules of Pensieve's test environment
 * (Mao et al., "Neural Adaptive Video Streaming with Pensieve", SIGCOMM 2017, `sim/fixed_env.py`):
 * sequential chunk downloads over a replayed trace, a fixed round trip per chunk, a payload factor, and a
 * buffer cap enforced by sleeping in fixed steps. No random noise: runs are deterministic.
 */
import { Link, type Trace } from './trace.ts';
import type { AbrAlgorithm, AbrState, Download, Video } from './types.ts';

/** The knobs of the simulated player and link. */
export interface SessionSetup {
  /** Share of the trace throughput that carries payload. */
  payloadFactor: number;
  /** Added to every chunk's download time. */
  rttS: number;
  maxBufferS: number;
  /** Above `maxBufferS` the player sleeps in whole steps of this length until back under. */
  sleepStepS: number;
  /** Rung of the first chunk (no decision is made for it). */
  startRung: number;
  /** How many chunks of the video to play. */
  chunkCount: number;
}

/** Pensieve's setup: 0.95 payload, 80 ms RTT, 60 s buffer, 500 ms sleeps, chunk 1 at 750 kbps, 48 chunks. */
export const PENSIEVE_SETUP: SessionSetup = {
  payloadFactor: 0.95,
  rttS: 0.08,
  maxBufferS: 60,
  sleepStepS: 0.5,
  startRung: 1,
  chunkCount: 48,
};

/** What happened to one chunk. */
export interface ChunkRecord extends Download {
  /** Stall while this chunk downloaded (for the first chunk: the startup delay). */
  rebufferS: number;
  /** Sleep after this chunk to bring the buffer back under the cap. */
  sleepS: number;
  /** Buffer after this chunk was appended and after the sleep. */
  bufferS: number;
}

/** Play one session of `video` over `trace`, asking `algorithm` for every chunk after the first. */
export function simulateSession(
  algorithm: AbrAlgorithm,
  trace: Trace,
  video: Video,
  setup: SessionSetup = PENSIEVE_SETUP,
): ChunkRecord[] {
  if (setup.chunkCount > video.chunkBytes.length) {
    throw new Error(`the video has ${video.chunkBytes.length} chunks, fewer than ${setup.chunkCount}`);
  }
  const link = new Link(trace, setup.payloadFactor);
  const records: ChunkRecord[] = [];
  let bufferS = 0;
  for (let chunk = 0; chunk < setup.chunkCount; chunk++) {
    const rung = chunk === 0 ? setup.startRung : decideChecked(algorithm, setup, video, bufferS, records);
    const bytes = video.chunkBytes[chunk]?.[rung] ?? 0;
    const durationS = link.transfer(bytes) + setup.rttS;
    const rebufferS = Math.max(durationS - bufferS, 0);
    bufferS = Math.max(bufferS - durationS, 0) + video.chunkS;
    const sleepS = sleepFor(bufferS, setup);
    link.sleep(sleepS);
    bufferS -= sleepS;
    records.push({ rung, bytes, durationS, rebufferS, sleepS, bufferS });
  }
  return records;
}

/** The algorithm's rung for the chunk after `history`, refused unless it is a rung of the ladder. */
function decideChecked(
  algorithm: AbrAlgorithm,
  setup: SessionSetup,
  video: Video,
  bufferS: number,
  history: readonly ChunkRecord[],
): number {
  const state: AbrState = {
    bufferS,
    nextChunk: history.length,
    chunkCount: setup.chunkCount,
    maxBufferS: setup.maxBufferS,
    lastRung: history[history.length - 1]?.rung ?? setup.startRung,
    history,
    video,
  };
  const rung = algorithm.decide(state);
  if (!Number.isInteger(rung) || rung < 0 || rung >= video.bitratesKbps.length) {
    throw new Error(`${algorithm.name} chose rung ${rung} for chunk ${state.nextChunk}`);
  }
  return rung;
}

/** Whole sleep steps needed to bring the buffer back to at most `maxBufferS` (0 when already there). */
export function sleepFor(bufferS: number, setup: SessionSetup): number {
  if (bufferS <= setup.maxBufferS) return 0;
  return Math.ceil((bufferS - setup.maxBufferS) / setup.sleepStepS) * setup.sleepStepS;
}
