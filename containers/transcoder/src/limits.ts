import { TranscodeError } from './errors.ts';
import type { SourceFacts } from './probe.ts';

/** Limits enforced after the probe, before any decode (DESIGN.md "Transcode"). */
export interface SourceLimits {
  maxDurationS: number;
  /** On display dimensions: the long side and the short side. */
  maxLongSide: number;
  maxShortSide: number;
  maxFrames: number;
  maxStreams: number;
}

export const DEFAULT_LIMITS: SourceLimits = {
  maxDurationS: 4 * 3600,
  maxLongSide: 7680,
  maxShortSide: 4320,
  maxFrames: 4 * 3600 * 120,
  maxStreams: 16,
};

/** Throws `{code, message}` for the first limit a source breaks. */
export function checkLimits(facts: SourceFacts, limits: SourceLimits = DEFAULT_LIMITS): void {
  const long = Math.max(facts.width, facts.height);
  const short = Math.min(facts.width, facts.height);
  if (facts.durationS > limits.maxDurationS) {
    throw new TranscodeError(
      'duration_too_long',
      `duration ${facts.durationS}s exceeds ${limits.maxDurationS}s`,
    );
  }
  if (long > limits.maxLongSide || short > limits.maxShortSide) {
    throw new TranscodeError(
      'resolution_too_large',
      `${facts.width}x${facts.height} exceeds ${limits.maxLongSide}x${limits.maxShortSide}`,
    );
  }
  if (facts.frameCount > limits.maxFrames) {
    throw new TranscodeError('too_many_frames', `${facts.frameCount} frames exceed ${limits.maxFrames}`);
  }
  if (facts.streamCount > limits.maxStreams) {
    throw new TranscodeError('too_many_streams', `${facts.streamCount} streams exceed ${limits.maxStreams}`);
  }
}
