/**
 * Session metrics. QoE_lin is the linear QoE of Pensieve (Mao et al., SIGCOMM 2017, §5.1, after Yin et al.,
 * "A Control-Theoretic Approach for Dynamic Adaptive Video Streaming over HTTP", SIGCOMM 2015):
 * Σ bitrate (Mbit/s) − 4.3 × rebuffer (s) − |Δ bitrate| (Mbit/s), over every chunk but the first, whose
 * download time is the startup delay and is reported apart.
 */
import type { ChunkRecord } from './simulate.ts';
import type { Video } from './types.ts';

/** Pensieve's rebuffer penalty for QoE_lin: 4.3 per second, the top bitrate in Mbit/s. */
export const REBUFFER_PENALTY = 4.3;

/** The figures reported per session. */
export interface SessionMetrics {
  qoe: number;
  /** Mean over the chunks QoE counts (all but the first). */
  meanBitrateKbps: number;
  /** Stalls after startup, seconds. */
  rebufferS: number;
  /** `rebufferS / (rebufferS + played)`, with played = every chunk's duration; a fraction. */
  rebufferRatio: number;
  /** Chunks whose rung differs from the previous chunk's (the first chunk excluded). */
  switches: number;
  /** Download time of the first chunk, round trip included. */
  startupS: number;
}

/** QoE_lin and the other per-session figures of a simulated session. */
export function scoreSession(records: readonly ChunkRecord[], video: Video): SessionMetrics {
  const first = records[0];
  if (first === undefined) throw new Error('a session needs at least one chunk');
  const mbps = (rung: number) => (video.bitratesKbps[rung] ?? 0) / 1000;
  let qoe = 0;
  let bitrateSum = 0;
  let rebufferS = 0;
  let switches = 0;
  for (let i = 1; i < records.length; i++) {
    const r = records[i];
    const prev = records[i - 1];
    if (r === undefined || prev === undefined) continue;
    const change = Math.abs(mbps(r.rung) - mbps(prev.rung));
    qoe += mbps(r.rung) - REBUFFER_PENALTY * r.rebufferS - change;
    bitrateSum += mbps(r.rung) * 1000;
    rebufferS += r.rebufferS;
    if (r.rung !== prev.rung) switches += 1;
  }
  const playedS = records.length * video.chunkS;
  return {
    qoe,
    meanBitrateKbps: records.length > 1 ? bitrateSum / (records.length - 1) : 0,
    rebufferS,
    rebufferRatio: rebufferS / (rebufferS + playedS),
    switches,
    startupS: first.durationS,
  };
}
